/**
 * Group commit: callers that arrive within a few milliseconds share one database write, and each
 * is answered only once that write has committed. While `concurrency` writes are in flight,
 * newcomers gather into the next batch, so batches grow with the load by themselves.
 */
export type GroupCommitOptions = { maxBatch: number; maxWaitMs: number; concurrency: number };

type Pending<T> = { item: T; resolve: () => void; reject: (error: unknown) => void };

export class GroupCommitter<T> {
  private queue: Pending<T>[] = [];
  private inFlight = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly write: (items: T[]) => Promise<void>,
    private readonly options: GroupCommitOptions = { maxBatch: 500, maxWaitMs: 2, concurrency: 4 },
  ) {}

  submit(item: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (this.queue.length >= this.options.maxBatch) this.flushSoon(0);
      else this.flushSoon(this.options.maxWaitMs);
    });
  }

  /** Items waiting for a write slot (for metrics). */
  get waiting(): number {
    return this.queue.length;
  }

  private flushSoon(delayMs: number): void {
    if (this.inFlight >= this.options.concurrency) return;
    if (delayMs === 0) {
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
      void this.flush();
      return;
    }
    this.timer ??= setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, delayMs);
  }

  private async flush(): Promise<void> {
    if (this.queue.length === 0 || this.inFlight >= this.options.concurrency) return;
    const batch = this.queue.splice(0, this.options.maxBatch);
    this.inFlight += 1;
    try {
      await this.write(batch.map((p) => p.item));
      for (const p of batch) p.resolve();
    } catch (error) {
      for (const p of batch) p.reject(error);
    } finally {
      this.inFlight -= 1;
      // Whoever gathered meanwhile has waited long enough.
      if (this.queue.length > 0) this.flushSoon(0);
    }
  }
}

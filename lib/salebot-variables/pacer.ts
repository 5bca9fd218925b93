/**
 * Spaces call starts at least 1/perSecond apart, so in any one-second window at most `perSecond`
 * calls begin, however long each takes. Slots are reserved synchronously, so callers running
 * concurrently still queue up in order.
 */
export type Clock = { now: () => number; sleep: (ms: number) => Promise<void> };

export const realClock: Clock = {
  // Monotonic: a wall-clock step must not bunch calls together.
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export class Pacer {
  private readonly intervalMs: number;
  private next = 0;

  constructor(
    perSecond: number,
    private readonly clock: Clock = realClock,
  ) {
    if (!(perSecond > 0)) throw new Error("pacer: perSecond must be positive");
    this.intervalMs = 1000 / perSecond;
  }

  /** Resolves when the caller may start its call. */
  async wait(): Promise<void> {
    const now = this.clock.now();
    const at = Math.max(now, this.next);
    this.next = at + this.intervalMs;
    // Timers may fire a fraction of a millisecond early: sleep until the slot has really come.
    for (let left = at - now; left > 0; left = at - this.clock.now()) await this.clock.sleep(Math.ceil(left));
    // A late wake-up (busy event loop) pushes the following slots back, so the spacing holds
    // between the calls' real starts, not only between their planned slots.
    const started = this.clock.now();
    if (started > at) this.next = Math.max(this.next, started + this.intervalMs);
  }
}

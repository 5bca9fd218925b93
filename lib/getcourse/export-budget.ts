/**
 * GetCourse allows 100 Export API requests per 2 hours per account, status polls included
 * (doc §4.3); going over locks every integration on the account out until the window clears.
 * The client counts its own requests here and refuses locally before GetCourse would say 903.
 */
export type ExportBudgetOptions = {
  limit?: number;
  windowMs?: number;
  now?: () => number;
};

export const EXPORT_BUDGET_LIMIT = 100;
export const EXPORT_BUDGET_WINDOW_MS = 2 * 60 * 60 * 1000;

export class ExportRequestBudget {
  readonly limit: number;
  readonly windowMs: number;
  private readonly now: () => number;
  private spentAt: number[] = [];

  constructor(options: ExportBudgetOptions = {}) {
    this.limit = options.limit ?? EXPORT_BUDGET_LIMIT;
    this.windowMs = options.windowMs ?? EXPORT_BUDGET_WINDOW_MS;
    this.now = options.now ?? Date.now;
  }

  private forget(): void {
    const horizon = this.now() - this.windowMs;
    this.spentAt = this.spentAt.filter((at) => at > horizon);
  }

  remaining(): number {
    this.forget();
    return Math.max(0, this.limit - this.spentAt.length);
  }

  /** Records one request if the budget allows it. */
  tryTake(): boolean {
    if (this.remaining() <= 0) return false;
    this.spentAt.push(this.now());
    return true;
  }

  /** Milliseconds until at least one request is allowed again (0 when one is allowed now). */
  msUntilAvailable(): number {
    if (this.remaining() > 0) return 0;
    const oldest = this.spentAt[0] ?? this.now();
    return Math.max(0, oldest + this.windowMs - this.now());
  }

  /**
   * GetCourse said 903: others on the account spent the budget too. We cannot see their
   * requests, so assume the whole window is spent from now on.
   */
  markExhausted(): void {
    this.forget();
    const at = this.now();
    while (this.spentAt.length < this.limit) this.spentAt.push(at);
  }
}

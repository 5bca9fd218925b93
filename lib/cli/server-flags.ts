/**
 * V8 flags of the serving process (scripts/server.ts), set by scripts/start.ts before the node
 * flags it was started with, so a flag given on the command line still wins.
 *
 * `--heap-growing-percent=20`: after each full garbage collection V8 lets the old generation grow
 * to 1.2× what survived instead of its own factor (up to 4× for a busy process). Under a broadcast
 * burst thousands of webhooks wait for their group commit long enough to be promoted, so the
 * default let the old generation reach ~270 MiB used (RSS ~520 MiB) where ~80 MiB was live; with
 * this flag the same burst peaks at ~85 MiB old, ~350 MiB RSS (docs/scaling.md, "Memory").
 */
export const SERVER_V8_FLAGS: readonly string[] = ["--heap-growing-percent=20"];

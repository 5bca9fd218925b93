import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import path from "node:path";

/**
 * An append-only file of accepted webhooks the database could not take. Each append is fsynced
 * before the sender hears 200, so a crash loses nothing; replay takes the file over by renaming
 * it (appends carry on in a fresh file) and replays it in order. Lines are JSON.
 */
export class Spool<T> {
  private readonly live: string;
  private readonly draining: string;

  constructor(dir: string, name: string) {
    mkdirSync(dir, { recursive: true });
    this.live = path.join(dir, `${name}.ndjson`);
    this.draining = path.join(dir, `${name}.draining.ndjson`);
  }

  append(items: T[]): void {
    if (items.length === 0) return;
    const fd = openSync(this.live, "a");
    try {
      writeSync(fd, items.map((item) => `${JSON.stringify(item)}\n`).join(""));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }

  /** Lines waiting to be replayed (both files). */
  depth(): number {
    return countLines(this.draining) + countLines(this.live);
  }

  /**
   * Replays what is spooled, oldest first, `batch` lines per call of `write`. A file being drained
   * when the process died is finished first. Stops (keeping the rest) at the first failure.
   */
  async replay(write: (items: T[]) => Promise<void>, batch = 500): Promise<number> {
    if (!existsSync(this.draining)) {
      if (!existsSync(this.live) || statSync(this.live).size === 0) return 0;
      renameSync(this.live, this.draining);
    }
    const items = readFileSync(this.draining, "utf8")
      .split("\n")
      .filter((line) => line.trim() !== "")
      .flatMap((line) => {
        try {
          return [JSON.parse(line) as T];
        } catch {
          // A torn last line from a crash mid-append was never acknowledged.
          return [];
        }
      });
    for (let i = 0; i < items.length; i += batch) await write(items.slice(i, i + batch));
    unlinkSync(this.draining);
    return items.length;
  }
}

function countLines(file: string): number {
  if (!existsSync(file)) return 0;
  const text = readFileSync(file, "utf8");
  let lines = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lines++;
  return lines;
}

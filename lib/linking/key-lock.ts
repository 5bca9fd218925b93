/**
 * In-process mutual exclusion by key. Requests for the same Salebot client or e-mail run one
 * after another, so duplicates find the finished link instead of calling GetCourse again; the
 * database's unique keys still decide between instances. On globalThis, so a bot's call served by
 * the lean node:http path and a /connect form served by Next wait for each other.
 */
const holder = globalThis as unknown as { hubKeyLockTails?: Map<string, Promise<void>> };
const tails = (holder.hubKeyLockTails ??= new Map<string, Promise<void>>());

async function acquire(key: string): Promise<() => void> {
  const previous = tails.get(key) ?? Promise.resolve();
  let release!: () => void;
  const current = new Promise<void>((resolve) => (release = resolve));
  const tail = previous.then(() => current);
  tails.set(key, tail);
  await previous;
  return () => {
    release();
    if (tails.get(key) === tail) tails.delete(key);
  };
}

/** Holds every key (in a fixed order, so two callers never wait on each other crosswise). */
export async function withKeyLocks<T>(keys: string[], work: () => Promise<T>): Promise<T> {
  const releases: (() => void)[] = [];
  try {
    for (const key of [...new Set(keys)].sort()) releases.push(await acquire(key));
    return await work();
  } finally {
    for (const release of releases.reverse()) release();
  }
}

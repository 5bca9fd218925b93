/**
 * Slows down password guessing: after `maxFailures` wrong passwords within `windowMs` for one key
 * (an e-mail, or an IP address), that key is locked for `lockMs`. Kept in memory, so it is per
 * server process and a restart clears it; the hub runs as one server, and a Postgres table would
 * add a write to every failed attempt for little gain. Keys are bounded so invented e-mails or
 * forged addresses cannot grow memory without limit.
 */

export type ThrottleRule = { maxFailures: number; windowMs: number; lockMs: number };

export type ThrottleDecision = { locked: false } | { locked: true; retryAfterMs: number };

type Entry = { failures: number[]; lockedUntil: number };

export type SignInThrottle = {
  /** Whether any of the keys is locked now. */
  check(keys: readonly ThrottleKey[]): ThrottleDecision;
  /** Counts a wrong password against every key; returns the state after counting. */
  fail(keys: readonly ThrottleKey[]): ThrottleDecision;
  /** A correct password clears that key's failures (the e-mail's, not a shared IP's). */
  clear(key: ThrottleKey): void;
  reset(): void;
};

export type ThrottleKey = { kind: "email" | "ip"; value: string };

export const DEFAULT_RULES: Record<ThrottleKey["kind"], ThrottleRule> = {
  email: { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 },
  // Higher: several people may share one office address.
  ip: { maxFailures: 20, windowMs: 15 * 60_000, lockMs: 15 * 60_000 },
};

export function createSignInThrottle(options: {
  rules?: Record<ThrottleKey["kind"], ThrottleRule>;
  now?: () => number;
  maxKeys?: number;
} = {}): SignInThrottle {
  const rules = options.rules ?? DEFAULT_RULES;
  const now = options.now ?? Date.now;
  const maxKeys = options.maxKeys ?? 10_000;
  const entries = new Map<string, Entry>();
  const id = (key: ThrottleKey) => `${key.kind}:${key.value.toLowerCase()}`;

  function current(key: ThrottleKey, at: number): Entry | undefined {
    const entry = entries.get(id(key));
    if (!entry) return undefined;
    const { windowMs } = rules[key.kind];
    entry.failures = entry.failures.filter((time) => time > at - windowMs);
    if (entry.failures.length === 0 && entry.lockedUntil <= at) {
      entries.delete(id(key));
      return undefined;
    }
    return entry;
  }

  function decide(keys: readonly ThrottleKey[], at: number): ThrottleDecision {
    let until = 0;
    for (const key of keys) until = Math.max(until, current(key, at)?.lockedUntil ?? 0);
    return until > at ? { locked: true, retryAfterMs: until - at } : { locked: false };
  }

  function makeRoom(): void {
    // Map keeps insertion order: the oldest keys go first.
    for (const key of entries.keys()) {
      if (entries.size < maxKeys) return;
      entries.delete(key);
    }
  }

  return {
    check: (keys) => decide(keys, now()),
    fail(keys) {
      const at = now();
      for (const key of keys) {
        const entry = current(key, at) ?? { failures: [], lockedUntil: 0 };
        if (!entries.has(id(key))) {
          makeRoom();
          entries.set(id(key), entry);
        }
        entry.failures.push(at);
        const rule = rules[key.kind];
        if (entry.failures.length >= rule.maxFailures) {
          entry.lockedUntil = at + rule.lockMs;
          entry.failures = [];
        }
      }
      return decide(keys, at);
    },
    clear(key) {
      entries.delete(id(key));
    },
    reset() {
      entries.clear();
    },
  };
}

/** The process's throttle; on globalThis because Next may load this module once per bundle. */
export function signInThrottle(): SignInThrottle {
  const cache = globalThis as unknown as { hubSignInThrottle?: SignInThrottle };
  cache.hubSignInThrottle ??= createSignInThrottle();
  return cache.hubSignInThrottle;
}

/**
 * How deep a parsed JSON value nests, counted without recursion. `JSON.parse` copes with
 * thousands of levels, but what comes after does not: `JSON.stringify` and zod recurse and
 * overflow the stack, and Postgres refuses jsonb nested that deep. No caller of the hub sends more
 * than a handful of levels, so a body past `MAX_JSON_DEPTH` is refused as malformed (400) before
 * anything else touches it.
 */
export const MAX_JSON_DEPTH = 64;

export function jsonDepthExceeds(value: unknown, max: number = MAX_JSON_DEPTH): boolean {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop() as [unknown, number];
    if (current === null || typeof current !== "object") continue;
    if (depth > max) return true;
    for (const child of Array.isArray(current) ? current : Object.values(current)) {
      if (child !== null && typeof child === "object") stack.push([child, depth + 1]);
    }
  }
  return false;
}

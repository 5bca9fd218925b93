/**
 * The gate entry points pass before they read the in-memory settings (tokens, GetCourse/Salebot
 * credentials): resolves once this copy of lib/ has loaded them from PostgreSQL. Kept apart from
 * ./load, and importing it lazily, so the route wrapper and the session guard do not pull the
 * settings code (and its imports of them) into a cycle.
 */
let gate: Promise<void> | undefined;

export function settingsLoaded(): Promise<void> {
  gate ??= import("./load").then(({ settingsReady }) => settingsReady());
  return gate;
}

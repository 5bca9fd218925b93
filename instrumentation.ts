// Runs once when a Next server starts: the job workers live in the server process.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.HUB_WORKERS === "off") return;
  const { startWorkers } = await import("./lib/jobs/workers");
  await startWorkers();
}

// Runs once when a Next server starts: the first admin is created here, and the job workers live
// in the server process.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const [{ ensureFirstAdmin }, { getEnv }, { log }] = await Promise.all([
    import("./lib/auth/bootstrap-admin"),
    import("./lib/env"),
    import("./lib/observability/log"),
  ]);
  const env = getEnv();
  // A failure here must not keep the dashboard down; the log says why nobody can sign in.
  await ensureFirstAdmin({ email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD }).catch((error: unknown) =>
    log.error("could not create the first admin", { error }),
  );
  // Saved settings (credentials, rotated tokens) apply before the first request and job.
  const { watchSettings } = await import("./lib/settings/load");
  await watchSettings();
  // The account's custom fields are checked once at start-up, so a missing one shows on Settings
  // (and in the log) before a customer's link meets it. GetCourse may be slow: never wait for it.
  void import("./lib/settings/field-check")
    .then(({ checkGetCourseFields }) => checkGetCourseFields())
    .catch((error: unknown) => log.warn("start-up check of GetCourse fields failed", { error }));
  if (process.env.HUB_WORKERS === "off") return;
  // Not awaited: starting pg-boss (its schema on a first start) and the workers takes seconds,
  // and Next serves nothing until this function returns. Workers that cannot start still stop
  // the server, as before, through its graceful shutdown.
  void import("./lib/jobs/workers")
    .then(({ startWorkers }) => startWorkers())
    .catch((error: unknown) => {
      log.error("the job workers did not start; stopping", { error });
      process.exitCode = 1;
      process.kill(process.pid, "SIGTERM");
    });
}

// npm run backfill -- --from 2026-01-01 --to 2026-02-01 [--by name] [--poll-seconds 30]
// "Import from GetCourse": historical deals (and users, for missing ids/e-mails) through the export
// API. A run left running or paused is resumed first; Ctrl-C stops safely and the same command
// resumes it, polling the same export instead of starting a new one.
import { parseArgs } from "node:util";
import { withDatabase } from "../lib/cli/database-server";
import { getEnv } from "../lib/env";
import { createGetCourseClient } from "../lib/getcourse";
import { applyMigrations } from "../lib/migrations/schema-engine";

const USAGE = "usage: npm run backfill -- --from YYYY-MM-DD --to YYYY-MM-DD [--by NAME] [--poll-seconds N]";

function fail(message: string, code = 1): never {
  console.error(message);
  process.exit(code);
}

const { values } = parseArgs({
  options: {
    from: { type: "string" },
    to: { type: "string" },
    by: { type: "string" },
    "poll-seconds": { type: "string" },
    help: { type: "boolean", short: "h" },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (!values.from || !values.to) fail(USAGE, 2);
const pollSeconds = Number(values["poll-seconds"] ?? "30");
if (!Number.isFinite(pollSeconds) || pollSeconds <= 0) fail("--poll-seconds must be a positive number", 2);

const env = getEnv();
if (!env.GETCOURSE_ACCOUNT_URL || !env.GETCOURSE_API_KEY) {
  fail("GetCourse is not configured: set GETCOURSE_ACCOUNT_URL and GETCOURSE_API_KEY (the export API key).");
}
// Exports of a big account are large answers: a longer timeout than the interactive link path.
const gc = createGetCourseClient({
  accountUrl: env.GETCOURSE_ACCOUNT_URL,
  apiKey: env.GETCOURSE_API_KEY,
  techToken: env.GETCOURSE_TECH_TOKEN ?? "",
  timeoutMs: 60_000,
});

const exitCode = await withDatabase(async (url) => {
  process.env.DATABASE_URL = url;
  await applyMigrations(url);
  // Imported after DATABASE_URL is set: the database client reads it on first use.
  const backfill = await import("../lib/events/getcourse-backfill");
  const { disconnectDb } = await import("../lib/db");
  const { renderProgress } = await import("../lib/events/getcourse-backfill-progress");
  try {
    const range = backfill.backfillRangeSchema.safeParse({ from: values.from, to: values.to });
    if (!range.success) fail(`${USAGE}\n${range.error.issues.map((issue) => issue.message).join("; ")}`, 2);

    const interactive = process.stdout.isTTY;
    const show = (progress: Parameters<typeof renderProgress>[0]) => {
      const line = renderProgress(progress);
      if (interactive) process.stdout.write(`\r\x1b[2K${line}`);
      else console.log(line);
    };
    const endLine = () => interactive && process.stdout.write("\n");

    const controller = new AbortController();
    process.on("SIGINT", () => {
      if (controller.signal.aborted) return;
      endLine();
      console.log("Stopping; the same command resumes the import where it was.");
      controller.abort();
    });

    for (;;) {
      const { progress, created } = await backfill.createBackfillRun({ ...range.data, startedBy: values.by ?? "cli" });
      if (!created)
        console.log(`Resuming import #${progress.id} (${progress.from} … ${progress.to}), ${progress.status}.`);
      else console.log(`Import #${progress.id}: deals created ${progress.from} … ${progress.to}.`);
      const outcome = await backfill.runBackfill(progress.id, {
        gc,
        pollIntervalMs: pollSeconds * 1000,
        signal: controller.signal,
        ignoreResumeAt: true,
        onProgress: show,
      });
      endLine();
      if (outcome.status === "busy") {
        console.log(
          "Another process of the hub is running an import now; see its progress on the dashboard or try again later.",
        );
        return 3;
      }
      if (outcome.status === "interrupted") {
        console.log(
          `Import #${outcome.progress.id} stopped at ${outcome.progress.processed} rows; it resumes where it was.`,
        );
        return 130;
      }
      if (outcome.status === "paused") {
        console.log(`Import #${outcome.progress.id} paused: ${outcome.message}`);
        console.log(
          `Run the same command again after ${outcome.resumeAt.toISOString()} (the hub's job queue also resumes it then).`,
        );
        return 75;
      }
      if (outcome.status === "failed") {
        console.error(`Import #${outcome.progress.id} failed: ${outcome.message}`);
        return 1;
      }
      console.log(`Import #${outcome.progress.id} done: ${outcome.progress.processed} rows.`);
      // A resumed older run is finished; now the range that was asked for.
      if (!created && (outcome.progress.from !== range.data.from || outcome.progress.to !== range.data.to)) continue;
      return 0;
    }
  } finally {
    await disconnectDb();
  }
});
process.exit(exitCode);

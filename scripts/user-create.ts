// npm run user:create -- --email you@example.com [--role admin|staff|marketer] [--password …]
// Creates a dashboard user in DATABASE_URL (or the embedded database). Without --password it asks
// on a terminal, or generates one and prints it once.
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import { isRole } from "../lib/auth/permissions";
import { passwordProblem } from "../lib/auth/password";
import { withDatabase } from "../lib/cli/database-server";

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

const { values } = parseArgs({
  options: {
    email: { type: "string" },
    role: { type: "string", default: "admin" },
    password: { type: "string" },
    name: { type: "string" },
  },
});
if (!values.email)
  fail("Usage: npm run user:create -- --email you@example.com [--role admin|staff|marketer] [--password …]");
const role = values.role;
if (!isRole(role)) fail(`--role must be admin, staff or marketer (got "${role}")`);

async function askPassword(): Promise<string | undefined> {
  if (values.password) return values.password;
  if (!process.stdin.isTTY) return undefined;
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const answer = await rl.question("Password (empty: generate one): ");
  rl.close();
  return answer.trim() || undefined;
}

const password = await askPassword();
const problem = password ? passwordProblem(password) : null;
if (problem)
  fail(problem === "too_short" ? "The password needs at least 8 characters." : "The password is longer than 72 bytes.");

const result = await withDatabase(async (url) => {
  process.env.DATABASE_URL = url;
  // Imported after DATABASE_URL is set: the client reads it on first use.
  const [{ inviteUser, UserChangeError }, { disconnectDb }] = await Promise.all([
    import("../lib/users/manage"),
    import("../lib/db"),
  ]);
  try {
    return await inviteUser(null, { email: values.email ?? "", role, name: values.name, password });
  } catch (error) {
    if (error instanceof UserChangeError) fail(`Cannot create the user: ${error.code}`);
    throw error;
  } finally {
    await disconnectDb();
  }
});

console.log(`Created ${result.user.role} ${result.user.email}.`);
// A generated password is flagged on the user: the hub asks for their own at the first sign-in.
if (!password) console.log(`One-time password (shown once; to be replaced at the first sign-in): ${result.password}`);

// npm run db:migrate: applies pending migrations to DATABASE_URL (or the embedded server).
import { applyMigrations } from "../lib/migrations/schema-engine";
import { withDatabase } from "../lib/cli/database-server";

const applied = await withDatabase((url) => applyMigrations(url));
console.log(applied.length ? `applied: ${applied.join(", ")}` : "database is up to date");

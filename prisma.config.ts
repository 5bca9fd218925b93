import { defineConfig } from "prisma/config";

// The CLI is only used for `prisma generate`; migrations run through scripts/db-*.ts (the wasm
// schema engine), because the native engine cannot be downloaded everywhere we run.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});

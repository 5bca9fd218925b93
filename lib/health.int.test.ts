import { expect, test } from "vitest";
import { GET } from "@/app/api/health/route";
import { disconnectDb } from "./db";
import { checkDatabase } from "./health";

test("GET /api/health reports the database as ok", async () => {
  const response = await GET(new Request("http://hub.test/api/health"));
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ status: "ok", db: "ok" });
});

test("an unreachable database is reported, not thrown", async () => {
  const real = process.env.DATABASE_URL;
  await disconnectDb();
  process.env.DATABASE_URL = "postgresql://nobody@127.0.0.1:1/none";
  try {
    expect(await checkDatabase()).toBe("error");
    const response = await GET(new Request("http://hub.test/api/health"));
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: "error", db: "error" });
  } finally {
    await disconnectDb();
    process.env.DATABASE_URL = real;
  }
});

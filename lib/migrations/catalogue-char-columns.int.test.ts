import { PrismaPg } from "@prisma/adapter-pg";
import { ColumnTypeEnum, DriverAdapterError, type SqlQuery } from "@prisma/driver-adapter-utils";
import pg from "pg";
import { expect, test } from "vitest";
import { catalogueFriendlyConnection } from "./catalogue-char-columns";
import { poolConfigFromUrl } from "./schema-engine";

// What the schema engine asks of the catalogue: a "char" flag beside ordinary columns.
const CATALOGUE_READ: SqlQuery = {
  sql: "SELECT conname, contype, conrelid::int AS rel FROM pg_constraint ORDER BY conname LIMIT 1",
  args: [],
  argTypes: [],
};

const config = () => poolConfigFromUrl(process.env.DATABASE_URL as string);

test('adapter-pg still cannot read a "char" column (if this fails, Prisma maps OID 18 itself: drop catalogue-char-columns.ts)', async () => {
  const pool = new pg.Pool(config());
  const adapter = await new PrismaPg(pool, { disposeExternalPool: true }).connect();
  try {
    const error = await adapter.queryRaw(CATALOGUE_READ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DriverAdapterError);
    expect((error as DriverAdapterError).cause).toMatchObject({ kind: "UnsupportedNativeDataType", type: "char" });
  } finally {
    await adapter.dispose();
  }
});

test('through the patched connection a "char" column reaches the engine as Character, under its own name', async () => {
  const adapter = await catalogueFriendlyConnection(config());
  try {
    const result = await adapter.queryRaw(CATALOGUE_READ);
    expect(result.columnNames).toEqual(["conname", "contype", "rel"]);
    expect(result.columnTypes).toEqual([ColumnTypeEnum.Text, ColumnTypeEnum.Character, ColumnTypeEnum.Int32]);
    expect(result.rows[0]?.[1]).toMatch(/^[cfpuxtn]$/);

    // The engine reads inside transactions too (applying a migration takes its lock in one).
    const transaction = await adapter.startTransaction();
    try {
      const inside = await transaction.queryRaw(CATALOGUE_READ);
      expect(inside.columnNames[1]).toBe("contype");
      expect(inside.columnTypes[1]).toBe(ColumnTypeEnum.Character);
    } finally {
      await transaction.rollback();
    }
  } finally {
    await adapter.dispose();
  }
});

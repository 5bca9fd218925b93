import { PrismaPg } from "@prisma/adapter-pg";
import { ColumnTypeEnum, type SqlDriverAdapter, type SqlQueryable } from "@prisma/driver-adapter-utils";
import pg, { type PoolConfig } from "pg";

/**
 * Why this exists. The WebAssembly schema engine (lib/migrations/schema-engine.ts) reads
 * PostgreSQL's catalogue through a driver adapter, and the catalogue's flags
 * (`pg_constraint.contype`, `pg_class.relkind`, `pg_attribute.attidentity`, ...) are of the
 * one-byte type "char" (OID 18). @prisma/adapter-pg has no mapping for OID 18: its queryRaw
 * throws UnsupportedNativeDataType for any result holding one. The engine, for its part, wants
 * those flags as Character columns (the native engine reads them as such over its own driver).
 *
 * The fix spans the two layers, because adapter-pg fixes a column's type from the pg result's
 * `fields` before we could see the rows:
 *  1. our pg.Client subclass renames each "char" field (name + CHAR_MARK) and reports it as text
 *     (OID 25), which adapter-pg maps to Text;
 *  2. the adapter wrapper turns each marked Text column back into its own name, typed Character.
 *
 * What this relies on, each checked by catalogue-char-columns.int.test.ts (a change in Prisma or
 * pg makes that test fail before a migration does):
 *  - adapter-pg still cannot map OID 18 (once it can, this module can go);
 *  - adapter-pg queries through the pool's `Client` class (`client.query(config)`, a promise)
 *    and takes a column's name and type from `fields[].name` and `fields[].dataTypeID`;
 *  - transactions (startTransaction) hand out a queryable whose queryRaw we can wrap.
 */
const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;
const CHAR_MARK = "\u0000char";

const ignorePoolError = () => {};

function markCharColumns(result: unknown): void {
  const fields = (result as { fields?: { name: string; dataTypeID: number }[] } | undefined)?.fields;
  for (const field of fields ?? []) {
    if (field.dataTypeID !== PG_CHAR_OID) continue;
    field.dataTypeID = PG_TEXT_OID;
    field.name += CHAR_MARK;
  }
}

class CatalogueFriendlyClient extends pg.Client {
  override query(...args: unknown[]): never {
    const run = pg.Client.prototype.query as (...a: unknown[]) => unknown;
    const callback = args.at(-1);
    if (typeof callback === "function") {
      args[args.length - 1] = (error: unknown, result: unknown) => {
        markCharColumns(result);
        (callback as (e: unknown, r: unknown) => void)(error, result);
      };
      return run.apply(this, args) as never;
    }
    const outcome = run.apply(this, args);
    return (outcome instanceof Promise ? outcome.then((r) => (markCharColumns(r), r)) : outcome) as never;
  }
}

function unmarkCharColumns<Q extends SqlQueryable>(queryable: Q): Q {
  const queryRaw = queryable.queryRaw.bind(queryable);
  queryable.queryRaw = async (query) => {
    const result = await queryRaw(query);
    result.columnNames.forEach((name, i) => {
      if (!name.endsWith(CHAR_MARK)) return;
      result.columnNames[i] = name.slice(0, -CHAR_MARK.length);
      result.columnTypes[i] = ColumnTypeEnum.Character;
    });
    return result;
  };
  return queryable;
}

/** An adapter-pg connection (own pool, closed on dispose) that reads "char" columns as Character. */
export async function catalogueFriendlyConnection(config: PoolConfig): Promise<SqlDriverAdapter> {
  const pool = new pg.Pool({ ...config, Client: CatalogueFriendlyClient });
  pool.on("error", ignorePoolError);
  const adapter = await new PrismaPg(pool, { disposeExternalPool: true, onPoolError: ignorePoolError }).connect();
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (isolationLevel) => unmarkCharColumns(await startTransaction(isolationLevel));
  return unmarkCharColumns(adapter);
}

// `prisma dev` (a local Prisma Postgres) is the only caller of this package, and the hub does not
// use it: the hub's database is PostgreSQL, embedded or DATABASE_URL. See README, Dependencies.
export async function startLocalDurableStreamsServer() {
  throw new Error(
    "`prisma dev` is not part of this project: @prisma/streams-local is replaced by a stub (package.json overrides)",
  );
}

-- CreateTable
-- Unlogged: leases last seconds and mean nothing after a database crash, and the link path
-- writes no WAL for them.
CREATE UNLOGGED TABLE "link_key_leases" (
    "key" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "expires_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "link_key_leases_pkey" PRIMARY KEY ("key")
);

-- Every process that holds settings in memory (lib/settings/load.ts) listens on this channel, so a
-- save by any of them (a server action, the import CLI, another instance) reaches all at once.
-- The body is an E'' string with \073 for each semicolon: the migration runner splits scripts on
-- every semicolon (see 20261124222100_analytics).
CREATE FUNCTION hub_notify_settings_changed() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  PERFORM pg_notify(''hub_settings_changed'', '''')\073
  RETURN NULL\073
END';

CREATE TRIGGER settings_changed_notify
AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "settings"
FOR EACH STATEMENT EXECUTE FUNCTION hub_notify_settings_changed();

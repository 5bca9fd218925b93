-- AlterTable
ALTER TABLE "links" ADD COLUMN     "telegram_username" TEXT;

-- Hand-written from here. /links searches any word of the name in any order and any part of the
-- e-mail or Telegram username: each typed word is a LIKE %word% on one text per link, served by
-- a trigram index (pg_trgm ships with PostgreSQL and is a trusted extension: the owner of the
-- database may create it). The username is copied from the Salebot variables of the client like the name.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- `tg_username` as Salebot keeps it ("@belik"), without the "@".
CREATE FUNCTION salebot_telegram_username(variables jsonb) RETURNS text LANGUAGE sql IMMUTABLE
  AS $$ SELECT nullif(ltrim(btrim(variables ->> 'tg_username'), '@'), '') $$;

UPDATE "links" l SET "telegram_username" = salebot_telegram_username(c."variables")
FROM "salebot_clients" c
WHERE c."project_id" = l."project_id" AND c."client_id" = l."sb_client_id" AND salebot_telegram_username(c."variables") IS NOT NULL;

-- Function bodies are E'' strings with \073 for each semicolon: the migration runner splits on it.
-- A new or re-keyed link reads the username from its client, beside links_fill_search_columns.
CREATE FUNCTION links_fill_telegram_username() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  NEW.telegram_username := (
    SELECT salebot_telegram_username(c.variables) FROM salebot_clients c
    WHERE c.project_id = NEW.project_id AND c.client_id = NEW.sb_client_id)\073
  RETURN NEW\073
END';

CREATE TRIGGER links_fill_telegram_username_insert BEFORE INSERT ON "links"
  FOR EACH ROW EXECUTE FUNCTION links_fill_telegram_username();
CREATE TRIGGER links_fill_telegram_username_update BEFORE UPDATE ON "links"
  FOR EACH ROW WHEN ((OLD.project_id, OLD.sb_client_id) IS DISTINCT FROM (NEW.project_id, NEW.sb_client_id))
  EXECUTE FUNCTION links_fill_telegram_username();

-- As for the name: copied on every client update that carries a name or variables (see
-- links_search_columns for why not only on a change).
CREATE OR REPLACE FUNCTION salebot_clients_copy_name() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF TG_OP <> ''INSERT'' AND (TG_OP = ''DELETE'' OR (OLD.project_id, OLD.client_id) IS DISTINCT FROM (NEW.project_id, NEW.client_id)) THEN
    UPDATE links SET client_name = NULL, telegram_username = NULL WHERE project_id = OLD.project_id AND sb_client_id = OLD.client_id\073
  END IF\073
  IF TG_OP <> ''DELETE'' THEN
    UPDATE links SET client_name = NEW.name, telegram_username = salebot_telegram_username(NEW.variables)
    WHERE project_id = NEW.project_id AND sb_client_id = NEW.client_id
      AND (client_name, telegram_username) IS DISTINCT FROM (NEW.name, salebot_telegram_username(NEW.variables))\073
  END IF\073
  RETURN NULL\073
END';

DROP TRIGGER salebot_clients_copy_name_insert ON "salebot_clients";
DROP TRIGGER salebot_clients_copy_name_update ON "salebot_clients";
DROP TRIGGER salebot_clients_copy_name_delete ON "salebot_clients";
CREATE TRIGGER salebot_clients_copy_name_insert AFTER INSERT ON "salebot_clients"
  FOR EACH ROW WHEN (NEW.name IS NOT NULL OR NEW.variables IS NOT NULL) EXECUTE FUNCTION salebot_clients_copy_name();
CREATE TRIGGER salebot_clients_copy_name_update AFTER UPDATE ON "salebot_clients"
  FOR EACH ROW WHEN (NEW.name IS NOT NULL OR OLD.name IS NOT NULL OR NEW.variables IS NOT NULL OR OLD.variables IS NOT NULL)
  EXECUTE FUNCTION salebot_clients_copy_name();
CREATE TRIGGER salebot_clients_copy_name_delete AFTER DELETE ON "salebot_clients"
  FOR EACH ROW WHEN (OLD.name IS NOT NULL OR OLD.variables IS NOT NULL) EXECUTE FUNCTION salebot_clients_copy_name();

-- The search text: lower case, "ё" read as "е". lib/queries/links.ts writes the same expression
-- (SEARCH_TEXT), or the planner would not use the index.
CREATE INDEX "links_search_text_trgm_idx" ON "links" USING gin (
  (replace(lower(coalesce("client_name", '') || ' ' || "email" || ' ' || coalesce("telegram_username", '')), 'ё', 'е')) gin_trgm_ops);
-- The share of links a word matches decides between this index (rare words) and walking the sort order
-- (common ones), and ANALYZE keeps statistics of the expression, finer than the default 100 buckets.
ALTER INDEX "links_search_text_trgm_idx" ALTER COLUMN 1 SET STATISTICS 1000;

-- AlterTable
ALTER TABLE "links" ADD COLUMN     "client_name" TEXT,
ADD COLUMN     "pending_salebot_attempts" INTEGER NOT NULL DEFAULT 0;

-- Hand-written from here: the copies' starting values, the triggers that keep them, and the indexes
-- Prisma cannot declare (its diff ignores them). The list used to probe salebot_clients and
-- link_attempts for every link it walked, which took up to a second at a million links.
UPDATE "links" l SET "client_name" = c."name"
FROM "salebot_clients" c
WHERE c."project_id" = l."project_id" AND c."client_id" = l."sb_client_id" AND c."name" IS NOT NULL;

UPDATE "links" l SET "pending_salebot_attempts" = open."n"
FROM (
  SELECT "project_id", "sb_client_id", count(*)::int AS "n" FROM "link_attempts"
  WHERE "error_code" = 'salebot_unavailable' AND "resolved_at" IS NULL
  GROUP BY "project_id", "sb_client_id"
) open
WHERE l."project_id" = open."project_id" AND l."sb_client_id" = open."sb_client_id";

-- One index serves the name sort and the name prefix search: under the "C" collation a plain
-- btree answers LIKE 'prefix%' as a range, whatever the database's own collation is.
CREATE INDEX "links_client_name_key_idx" ON "links" ((lower("client_name") COLLATE "C"), "id");
CREATE INDEX "links_salebot_pending_linked_at_idx" ON "links" ("linked_at") WHERE "pending_salebot_attempts" > 0;

-- Function bodies are E'' strings with \073 for each semicolon: the migration runner splits on it.
-- A new or re-keyed link reads both copies from their sources.
CREATE FUNCTION links_fill_search_columns() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  NEW.client_name := (SELECT c.name FROM salebot_clients c WHERE c.project_id = NEW.project_id AND c.client_id = NEW.sb_client_id)\073
  NEW.pending_salebot_attempts := (
    SELECT count(*) FROM link_attempts a
    WHERE a.project_id = NEW.project_id AND a.sb_client_id = NEW.sb_client_id
      AND a.error_code = ''salebot_unavailable'' AND a.resolved_at IS NULL)\073
  RETURN NEW\073
END';

CREATE TRIGGER links_fill_search_columns_insert BEFORE INSERT ON "links"
  FOR EACH ROW EXECUTE FUNCTION links_fill_search_columns();
CREATE TRIGGER links_fill_search_columns_update BEFORE UPDATE ON "links"
  FOR EACH ROW WHEN ((OLD.project_id, OLD.sb_client_id) IS DISTINCT FROM (NEW.project_id, NEW.sb_client_id))
  EXECUTE FUNCTION links_fill_search_columns();

-- The name is copied on every client update that carries one, not only when it changes: a client
-- inserted while its link is being inserted is invisible to both triggers, and the next message
-- from that client mends the copy.
CREATE FUNCTION salebot_clients_copy_name() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF TG_OP <> ''INSERT'' AND (TG_OP = ''DELETE'' OR (OLD.project_id, OLD.client_id) IS DISTINCT FROM (NEW.project_id, NEW.client_id)) THEN
    UPDATE links SET client_name = NULL WHERE project_id = OLD.project_id AND sb_client_id = OLD.client_id\073
  END IF\073
  IF TG_OP <> ''DELETE'' THEN
    UPDATE links SET client_name = NEW.name
    WHERE project_id = NEW.project_id AND sb_client_id = NEW.client_id AND client_name IS DISTINCT FROM NEW.name\073
  END IF\073
  RETURN NULL\073
END';

CREATE TRIGGER salebot_clients_copy_name_insert AFTER INSERT ON "salebot_clients"
  FOR EACH ROW WHEN (NEW.name IS NOT NULL) EXECUTE FUNCTION salebot_clients_copy_name();
CREATE TRIGGER salebot_clients_copy_name_update AFTER UPDATE ON "salebot_clients"
  FOR EACH ROW WHEN (NEW.name IS NOT NULL OR OLD.name IS NOT NULL) EXECUTE FUNCTION salebot_clients_copy_name();
CREATE TRIGGER salebot_clients_copy_name_delete AFTER DELETE ON "salebot_clients"
  FOR EACH ROW WHEN (OLD.name IS NOT NULL) EXECUTE FUNCTION salebot_clients_copy_name();

-- An attempt is open for Salebot while it failed with salebot_unavailable and is not resolved.
-- Counted up and down rather than recomputed, so two transactions changing attempts of one client
-- at once cannot overwrite each other's answer.
CREATE FUNCTION link_attempts_count_pending() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF TG_OP <> ''INSERT'' AND OLD.error_code = ''salebot_unavailable'' AND OLD.resolved_at IS NULL THEN
    UPDATE links SET pending_salebot_attempts = pending_salebot_attempts - 1
    WHERE project_id = OLD.project_id AND sb_client_id = OLD.sb_client_id\073
  END IF\073
  IF TG_OP <> ''DELETE'' AND NEW.error_code = ''salebot_unavailable'' AND NEW.resolved_at IS NULL THEN
    UPDATE links SET pending_salebot_attempts = pending_salebot_attempts + 1
    WHERE project_id = NEW.project_id AND sb_client_id = NEW.sb_client_id\073
  END IF\073
  RETURN NULL\073
END';

CREATE TRIGGER link_attempts_count_pending_insert AFTER INSERT ON "link_attempts"
  FOR EACH ROW WHEN (NEW.error_code = 'salebot_unavailable' AND NEW.resolved_at IS NULL)
  EXECUTE FUNCTION link_attempts_count_pending();
CREATE TRIGGER link_attempts_count_pending_update AFTER UPDATE ON "link_attempts"
  FOR EACH ROW WHEN (
    (OLD.error_code = 'salebot_unavailable' OR NEW.error_code = 'salebot_unavailable')
    AND (OLD.project_id, OLD.sb_client_id, OLD.error_code, OLD.resolved_at)
        IS DISTINCT FROM (NEW.project_id, NEW.sb_client_id, NEW.error_code, NEW.resolved_at)
  ) EXECUTE FUNCTION link_attempts_count_pending();
CREATE TRIGGER link_attempts_count_pending_delete AFTER DELETE ON "link_attempts"
  FOR EACH ROW WHEN (OLD.error_code = 'salebot_unavailable' AND OLD.resolved_at IS NULL)
  EXECUTE FUNCTION link_attempts_count_pending();

-- AlterTable
ALTER TABLE "links" ADD COLUMN     "search_text" TEXT;

-- Hand-written from here. /links matched each typed word against an expression index
-- (links_search_anywhere): every row a page walked computed lower() and replace() of three columns
-- again, and read the table to do it. Now the search text is a column of its own, kept by a
-- trigger, under the trigram index, and the linked_at index carries it, so a common word's page
-- walks that index and reads no table row of a link that does not match (npm run bench:lists).
CREATE FUNCTION links_search_text(name text, email text, username text) RETURNS text LANGUAGE sql IMMUTABLE
  AS $$ SELECT replace(lower(coalesce(name, '') || ' ' || coalesce(email, '') || ' ' || coalesce(username, '')), 'ё', 'е') $$;


-- The index that changes goes first: the copy below would otherwise update it a million times.
DROP INDEX "links_search_text_trgm_idx";
UPDATE "links" SET "search_text" = links_search_text("client_name", "email", "telegram_username");

-- Function bodies are E'' strings with \073 for each semicolon: the migration runner splits on it.
-- Named to fire after links_fill_search_columns and links_fill_telegram_username (BEFORE triggers
-- run in name order), which set the name and username it reads.
CREATE FUNCTION links_fill_search_text() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  NEW.search_text := links_search_text(NEW.client_name, NEW.email, NEW.telegram_username)\073
  RETURN NEW\073
END';

CREATE TRIGGER links_search_text_insert BEFORE INSERT ON "links"
  FOR EACH ROW EXECUTE FUNCTION links_fill_search_text();
CREATE TRIGGER links_search_text_update BEFORE UPDATE ON "links"
  FOR EACH ROW WHEN (
    (OLD.client_name, OLD.email, OLD.telegram_username, OLD.search_text)
      IS DISTINCT FROM (NEW.client_name, NEW.email, NEW.telegram_username, NEW.search_text)
  ) EXECUTE FUNCTION links_fill_search_text();

CREATE INDEX "links_search_text_trgm_idx" ON "links" USING gin ("search_text" gin_trgm_ops);
-- The share of links a word matches decides between the trigram index (rare words) and walking a
-- sort order (common ones), finer statistics than the default 100 buckets.
ALTER TABLE "links" ALTER COLUMN "search_text" SET STATISTICS 1000;

-- The list's default order (newest first) walks this one for a common word, index-only, and so do
-- the newest matches a common word sorted by name or e-mail orders (lib/queries/links.ts).
CREATE INDEX "links_linked_at_search_idx" ON "links" ("linked_at", "id") INCLUDE ("search_text");
-- Every row was rewritten: fresh statistics, so the planner knows the new column's words at once.
ANALYZE "links";

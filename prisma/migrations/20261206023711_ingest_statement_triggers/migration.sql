-- Hand-written (no schema change): the Salebot ingest writes a batch of up to 1,000 webhooks in
-- one statement, and with many distinct clients a batch touches hundreds of client rows. Two
-- row-level triggers then ran once per client row, each a PL/pgSQL call and a statement of its
-- own: the name copy onto links (salebot_clients_copy_name) on every insert and update, and the
-- analytics mark of every new client. Here both run once per statement over its transition
-- table, so a batch costs one join instead of one statement per client. The re-key and delete
-- cases stay row-level (rare, and they need OLD beside NEW).
-- Function bodies are E'' strings with \073 for each semicolon: the migration runner splits on it.
-- EXECUTE plans the join on each call: a cached plan made for a one-row batch would be kept
-- for a thousand-row one, or the other way round.

CREATE FUNCTION salebot_clients_copy_names() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  EXECUTE ''UPDATE links l SET client_name = n.name, telegram_username = salebot_telegram_username(n.variables)
    FROM changed_clients n
    WHERE l.project_id = n.project_id AND l.sb_client_id = n.client_id
      AND (l.client_name, l.telegram_username) IS DISTINCT FROM (n.name, salebot_telegram_username(n.variables))''\073
  RETURN NULL\073
END';

CREATE FUNCTION analytics_mark_new_clients() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  INSERT INTO analytics_dirty (project_id, client_id)
  SELECT project_id, client_id FROM changed_clients WHERE first_message_at IS NOT NULL\073
  RETURN NULL\073
END';

DROP TRIGGER salebot_clients_copy_name_insert ON "salebot_clients";
DROP TRIGGER salebot_clients_copy_name_update ON "salebot_clients";
CREATE TRIGGER salebot_clients_copy_names_insert AFTER INSERT ON "salebot_clients"
  REFERENCING NEW TABLE AS changed_clients
  FOR EACH STATEMENT EXECUTE FUNCTION salebot_clients_copy_names();
CREATE TRIGGER salebot_clients_copy_names_update AFTER UPDATE ON "salebot_clients"
  REFERENCING NEW TABLE AS changed_clients
  FOR EACH STATEMENT EXECUTE FUNCTION salebot_clients_copy_names();
-- A client moved to another key: the links of its old key lose their copies (the row function
-- of links_search_anywhere does that, and copies onto the new key too).
CREATE TRIGGER salebot_clients_copy_name_rekey AFTER UPDATE ON "salebot_clients"
  FOR EACH ROW WHEN ((OLD.project_id, OLD.client_id) IS DISTINCT FROM (NEW.project_id, NEW.client_id))
  EXECUTE FUNCTION salebot_clients_copy_name();

DROP TRIGGER analytics_client_insert ON "salebot_clients";
CREATE TRIGGER analytics_client_insert AFTER INSERT ON "salebot_clients"
  REFERENCING NEW TABLE AS changed_clients
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_mark_new_clients();

-- Room on each page for the next version of a row: the ingest updates every client's counters on
-- each of its messages, and an update that fits on the row's page changes no index (HOT).
ALTER TABLE "salebot_clients" SET (fillfactor = 80);

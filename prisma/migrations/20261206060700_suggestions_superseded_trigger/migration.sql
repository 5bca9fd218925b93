-- Hand-written. A suggestion waits only while a link could still be made from it: once its Salebot
-- client or its GetCourse user (by e-mail, the conflict rule's key) is linked another way (bot,
-- form, start link, admin, another suggestion), confirming it could only fail with a conflict. A
-- trigger on links marks such suggestions `superseded` in the link's own transaction, so the
-- waiting list, its count and the overview's number stay plain reads of `status = 'pending'`.
-- (A separate migration from the enum value: a new enum value cannot be used in the transaction
-- that adds it.)

-- The e-mail side's lookup: a waiting suggestion names one GetCourse user, its e-mail first.
CREATE INDEX "link_suggestions_pending_email_idx" ON "link_suggestions" ("project_id", ("emails"[1]))
  WHERE "status" = 'pending';

-- Suggestions a decision has claimed (decided_at set, being linked by lib/matching/suggestions.ts)
-- are left alone: the link being saved may be their own.
-- Function bodies are E'' strings with \073 for each semicolon: the migration runner splits on it.
CREATE FUNCTION link_suggestions_supersede_inserted() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  UPDATE link_suggestions s
     SET status = ''superseded'', decided_at = now(), linked_client_id = n.sb_client_id, linked_email = n.email
    FROM new_links n
   WHERE s.project_id = n.project_id AND s.sb_client_id = n.sb_client_id
     AND s.status IN (''pending'', ''ambiguous'') AND s.decided_at IS NULL\073
  UPDATE link_suggestions s
     SET status = ''superseded'', decided_at = now(), linked_client_id = n.sb_client_id, linked_email = n.email
    FROM new_links n
   WHERE s.project_id = n.project_id AND s.emails[1] = n.email AND s.sb_client_id <> n.sb_client_id
     AND s.status = ''pending'' AND s.decided_at IS NULL\073
  RETURN NULL\073
END';

CREATE FUNCTION link_suggestions_supersede_updated() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  UPDATE link_suggestions s
     SET status = ''superseded'', decided_at = now(), linked_client_id = NEW.sb_client_id, linked_email = NEW.email
   WHERE s.project_id = NEW.project_id AND s.sb_client_id = NEW.sb_client_id
     AND s.status IN (''pending'', ''ambiguous'') AND s.decided_at IS NULL\073
  UPDATE link_suggestions s
     SET status = ''superseded'', decided_at = now(), linked_client_id = NEW.sb_client_id, linked_email = NEW.email
   WHERE s.project_id = NEW.project_id AND s.emails[1] = NEW.email AND s.sb_client_id <> NEW.sb_client_id
     AND s.status = ''pending'' AND s.decided_at IS NULL\073
  RETURN NULL\073
END';

-- Inserts per statement (a bulk seed of links joins once), while a relink changes a row's e-mail or
-- client in place, and only such a change runs the function (the caches other triggers keep on
-- links update rows often and must not pay for it).
CREATE TRIGGER links_supersede_suggestions_insert AFTER INSERT ON "links"
  REFERENCING NEW TABLE AS new_links
  FOR EACH STATEMENT EXECUTE FUNCTION link_suggestions_supersede_inserted();
CREATE TRIGGER links_supersede_suggestions_update AFTER UPDATE ON "links"
  FOR EACH ROW WHEN ((OLD.sb_client_id, OLD.email) IS DISTINCT FROM (NEW.sb_client_id, NEW.email))
  EXECUTE FUNCTION link_suggestions_supersede_updated();

-- What already waits in vain: linked since it was found.
UPDATE "link_suggestions" s
   SET "status" = 'superseded', "decided_at" = l."linked_at", "linked_client_id" = l."sb_client_id", "linked_email" = l."email"
  FROM "links" l
 WHERE s."project_id" = l."project_id" AND s."sb_client_id" = l."sb_client_id"
   AND s."status" IN ('pending', 'ambiguous') AND s."decided_at" IS NULL;
UPDATE "link_suggestions" s
   SET "status" = 'superseded', "decided_at" = l."linked_at", "linked_client_id" = l."sb_client_id", "linked_email" = l."email"
  FROM "links" l
 WHERE s."project_id" = l."project_id" AND s."emails"[1] = l."email" AND s."sb_client_id" <> l."sb_client_id"
   AND s."status" = 'pending' AND s."decided_at" IS NULL;

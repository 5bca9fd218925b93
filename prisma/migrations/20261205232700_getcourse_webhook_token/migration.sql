-- The GetCourse webhook gets a token of its own (GETCOURSE_WEBHOOK_TOKEN). A hub that already
-- holds data may have GetCourse processes whose «Вызвать URL» carries the link token: GetCourse
-- never retries a refused call, so such a database keeps accepting the link token on the webhook
-- until an admin turns "legacy" off on the Settings page. A new install starts without it.
INSERT INTO "settings" ("key", "value", "updated_at", "updated_by")
SELECT 'api_tokens', '{"legacyGetCourseLinkToken": true}'::jsonb, CURRENT_TIMESTAMP, 'migration getcourse_webhook_token'
WHERE EXISTS (SELECT 1 FROM "gc_order_events")
   OR EXISTS (SELECT 1 FROM "links")
   OR EXISTS (SELECT 1 FROM "link_attempts")
   OR EXISTS (SELECT 1 FROM "salebot_messages")
ON CONFLICT ("key") DO UPDATE
SET "value" = "settings"."value" || '{"legacyGetCourseLinkToken": true}'::jsonb, "updated_at" = CURRENT_TIMESTAMP;

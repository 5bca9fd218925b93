-- start_link_users kept e-mail and GetCourse id pairs that GET /api/link/start-link callers passed,
-- unchecked. Only pairs GetCourse itself gave (order events, the contacts directory, links the
-- hub made) stay, the rest could name a customer under a planted id or e-mail.
DELETE FROM "start_link_users" u
WHERE NOT EXISTS (SELECT 1 FROM "gc_user_contacts" c WHERE c."gc_user_id" = u."gc_user_id" AND c."email" = u."email")
  AND NOT EXISTS (SELECT 1 FROM "links" l WHERE l."gc_user_id" = u."gc_user_id" AND l."email" = u."email")
  AND NOT EXISTS (SELECT 1 FROM "gc_orders" o WHERE o."gc_user_id" = u."gc_user_id" AND lower(trim(o."email")) = u."email");

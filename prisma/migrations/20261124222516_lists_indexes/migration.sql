-- CreateIndex
CREATE INDEX "links_sb_client_id_idx" ON "links"("sb_client_id");

-- Hand-written: prefix search on e-mail and client name, case-insensitive, under any collation
-- (text_pattern_ops). Prisma cannot declare expression indexes, and its diff ignores them.
CREATE INDEX "links_email_lower_prefix_idx" ON "links" (lower("email") text_pattern_ops);
CREATE INDEX "salebot_clients_name_lower_prefix_idx" ON "salebot_clients" (lower("name") text_pattern_ops);

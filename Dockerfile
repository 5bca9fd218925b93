# The hub as one image: Next's production build plus our server (scripts/server.ts). Not exercised
# by the test suite (no Docker engine runs where it is tested); see README "Production".
#
# The image holds production dependencies only (`npm ci --omit=dev`): no test runners, linters,
# Vite or Playwright's test package. Next's `output: "standalone"` would trace a smaller set, but
# only for Next's own server: ours runs scripts/server.ts and scripts/start.ts through tsx (a
# production dependency), which load lib/ and app/api/link/route.ts from source, and the migration
# step loads the WebAssembly schema engine; all of that lives outside Next's trace.

# What `npm ci` needs before the sources: postinstall generates the Prisma client from the schema
# and its config, and package.json overrides point into tooling/.
FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
COPY tooling ./tooling
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
COPY tooling ./tooling
RUN npm ci --no-audit --no-fund
COPY . .
# The build's own node_modules (with dev dependencies) and Next's build cache stay behind.
RUN npm run build && rm -rf node_modules .next/cache

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production PORT=3000 HOSTNAME=0.0.0.0 HUB_DEMO=off SPOOL_DIR=/var/lib/hub/spool
COPY --from=build /app /app
COPY --from=deps /app/node_modules /app/node_modules
RUN mkdir -p /var/lib/hub/spool && chown -R node:node /var/lib/hub
USER node
EXPOSE 3000
# What `npm start` runs: pending migrations (a no-op when another instance already did), then the
# server. Node itself is PID 1, not npm: npm leaves on SIGTERM without waiting for its script, and
# `docker stop` would then kill the server before in-flight webhooks reach the database or spool.
CMD ["node", "--experimental-wasm-modules", "--no-warnings=ExperimentalWarning", "--import", "tsx", "scripts/start.ts", "start"]

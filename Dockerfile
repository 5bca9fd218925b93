# The hub as one image: Next's production build plus our server (scripts/server.ts). Not exercised
# by the test suite (no Docker engine runs where it is tested); see README "Production".
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# postinstall generates the Prisma client; it needs the schema and its config.
COPY prisma ./prisma
COPY prisma.config.ts ./
RUN npm ci
COPY . .
RUN npm run build

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production PORT=3000 HOSTNAME=0.0.0.0 HUB_DEMO=off SPOOL_DIR=/var/lib/hub/spool
COPY --from=build /app /app
RUN mkdir -p /var/lib/hub/spool && chown -R node:node /var/lib/hub
USER node
EXPOSE 3000
# npm start applies pending migrations (a no-op when another instance already did), then serves.
CMD ["npm", "start", "--silent"]

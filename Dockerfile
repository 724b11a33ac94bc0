# ondeck for production: one process serving the app, the API and sync on one port.
# Data (SQLite files, and the object store when it is a directory) lives on the /data volume.

FROM node:20-bookworm-slim AS build
# better-sqlite3 compiles against Node's headers when no prebuilt binary is reachable.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
RUN npm install -g pnpm@12.21.0
WORKDIR /src
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml ./
COPY shared/package.json shared/
COPY sync-server/package.json sync-server/
COPY client/package.json client/
COPY e2e/package.json e2e/
RUN pnpm install --frozen-lockfile
COPY . .
RUN pnpm --filter @ondeck/client --filter @ondeck/sync-server run build \
 && pnpm --filter @ondeck/sync-server deploy --prod --legacy /out \
 && cp -r sync-server/dist /out/dist \
 && cp -r client/dist /out/client

FROM node:20-bookworm-slim
# MALLOC_*: as the start script sets them (MALLOC_ENV in scripts/ondeck.mjs says why).
ENV NODE_ENV=production \
    MALLOC_ARENA_MAX=2 \
    MALLOC_TRIM_THRESHOLD_=131072 \
    ONDECK_HOST=0.0.0.0 \
    ONDECK_PORT=8080 \
    ONDECK_DATA_DIR=/data \
    ONDECK_CLIENT_DIR=/app/client
WORKDIR /app
COPY --from=build /out /app
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=3s --start-period=10s \
  CMD node -e "fetch('http://127.0.0.1:8080/up').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
# SIGTERM commits what is pending, backs up, closes sockets with "restarting" and exits 0.
STOPSIGNAL SIGTERM
CMD ["node", "dist/main.js"]

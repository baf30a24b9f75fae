# Chorus in one container: the hub (HTTP + SMTP) on SQLite in /data by default.
#   docker build -t chorus .
#   docker run -p 8080:8080 -p 2525:2525 -v chorus-data:/data -e CHORUS_PUBLIC_URL=https://hub.example chorus
FROM node:20-bookworm-slim AS build
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
COPY apps/api/package.json apps/api/
COPY apps/web/package.json apps/web/
COPY libs/shared/package.json libs/shared/
COPY libs/adapters/package.json libs/adapters/
RUN npm ci --no-audit --no-fund
COPY . .
RUN NX_DAEMON=false npx nx run-many -t build && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
ENV NODE_ENV=production CHORUS_HOST=0.0.0.0 CHORUS_DATA_DIR=/data
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/libs/shared/package.json ./libs/shared/
COPY --from=build /app/libs/shared/dist ./libs/shared/dist
COPY --from=build /app/libs/adapters/package.json ./libs/adapters/
COPY --from=build /app/libs/adapters/dist ./libs/adapters/dist
COPY --from=build /app/apps/api/package.json ./apps/api/
COPY --from=build /app/apps/api/dist ./apps/api/dist
COPY --from=build /app/apps/web/dist ./apps/web/dist
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME /data
EXPOSE 8080 2525
HEALTHCHECK --interval=30s --timeout=3s CMD node -e "fetch('http://127.0.0.1:'+(process.env.CHORUS_PORT||8080)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "--max-semi-space-size=8", "apps/api/dist/main.js"]

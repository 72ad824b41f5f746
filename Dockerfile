# One image for the three processes of the distributed profile (api, projector, worker);
# docker-compose.yml picks the command. Build: docker build -t franvaroliggaren .
FROM node:26-slim AS build
WORKDIR /app
# better-sqlite3 falls back to a native build when no prebuilt binary fits.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:26-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000 3001
# node directly (not npm) so SIGTERM reaches the process and its graceful shutdown.
CMD ["node", "dist/apps/api/src/main.js"]

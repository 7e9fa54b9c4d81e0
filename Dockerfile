# syntax=docker/dockerfile:1
# chat-crm: build the TypeScript once, ship only dist/ and production dependencies.

# ── build ─────────────────────────────────────────────────────────────
FROM node:20-slim AS build
WORKDIR /app
# the embedded MongoDB is for laptops; an image talks to MONGODB_URI, so skip its binary download
ENV MONGOMS_DISABLE_POSTINSTALL=1
COPY package.json package-lock.json ./
RUN npm ci
# sources only: .dockerignore keeps tests, data and secrets out of the context
COPY . .
RUN npm run build

# ── runtime ───────────────────────────────────────────────────────────
FROM node:20-slim
WORKDIR /app
ENV NODE_ENV=production \
    MONGOMS_DISABLE_POSTINSTALL=1 \
    PORT=3000 \
    DATA_DIR=/app/data
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force \
    && mkdir -p /app/data && chown node:node /app/data
COPY --from=build /app/dist ./dist
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/src/main.js"]

# syntax=docker/dockerfile:1
# briefbot in three stages: `build` compiles TypeScript, `deps` installs only the production
# dependencies (better-sqlite3 compiles here where no prebuilt binary fits), and the slim
# `runtime` gets those two and nothing else. test/container.test.ts runs these same steps in
# temporary folders, since no Docker engine runs on the project's machines.
ARG NODE_VERSION=20

FROM node:${NODE_VERSION}-bookworm AS build
WORKDIR /app
COPY package.json package-lock.json ./
# The compiler needs no native module: skip install scripts (better-sqlite3's compile, prepare).
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY src ./src
COPY commands ./commands
RUN npm run build

FROM node:${NODE_VERSION}-bookworm AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# `prepare` runs here and finds no TypeScript: it skips the build (the runtime takes build's dist/).
COPY scripts ./scripts
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM node:${NODE_VERSION}-bookworm-slim AS runtime
# git (and certificates for https remotes) for POSTS_GIT_URL; nothing else is added to the image.
RUN apt-get update && apt-get install -y --no-install-recommends git ca-certificates && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production STATE_DIR=/app/data PORT=8080
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY bin ./bin
# The sample posts, so the image starts as it is; mount the blog's own over /app/posts (or set POSTS_DIR).
COPY posts ./posts
RUN mkdir -p /app/data && chown node:node /app/data
USER node
VOLUME ["/app/data"]
EXPOSE 8080
# /readyz: posts loaded, every configured platform connected, the database writable.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# node itself, not npm: SIGTERM from `docker stop` reaches the bot, which stops cleanly.
CMD ["node", "dist/src/main.js"]

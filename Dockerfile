# syntax=docker/dockerfile:1
# One image for every mesh360 service. The command picks the service:
#   docker run mesh360 gateway | customers | orders | inventory | campaigns | seed [--if-empty] | token
# (docker/entrypoint.sh). It runs compiled JavaScript with plain node under tini, as a non-root user,
# with production dependencies only.
ARG NODE_IMAGE=node:22-bookworm-slim

# Build: every dependency (TypeScript, tsx, Vite), then `npm run build` compiles to dist/ and copies
# the run-time files (schemas, supergraph, trusted documents) next to the code, and the console
# build bundles the marketing console (console/ → console/dist, from its committed typed operations).
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json supergraph.graphql ./
COPY shared ./shared
COPY gateway ./gateway
COPY subgraphs ./subgraphs
COPY scripts ./scripts
RUN npm run build
COPY console ./console
RUN npm run console:build -- --force

# Production dependencies only, installed apart so the runtime stage copies a clean node_modules
# (no npm cache, no dev tools).
FROM ${NODE_IMAGE} AS production-dependencies
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM ${NODE_IMAGE} AS runtime
# tini as PID 1: forwards SIGTERM/SIGINT to node (which drains requests in flight) and reaps zombies.
RUN apt-get update \
  && apt-get install -y --no-install-recommends tini \
  && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production
WORKDIR /app
COPY --from=production-dependencies /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The gateway serves /console from console/dist under its root, which is dist/ once compiled.
COPY --from=build /app/console/dist ./dist/console/dist
COPY package.json ./
COPY docker/entrypoint.sh /usr/local/bin/mesh360
# .data/keys is where the local development keys live when NODE_ENV is not production; a volume
# mounted there starts owned by the service user.
RUN chmod 0755 /usr/local/bin/mesh360 \
  && mkdir -p /app/.data/keys \
  && chown -R node:node /app/.data
USER node
EXPOSE 4000 4001 4002 4003 4004
ENTRYPOINT ["/usr/bin/tini", "--", "mesh360"]
CMD ["gateway"]

#!/bin/sh
# The image's one entry point: `mesh360 <service> [arguments]` runs one compiled service or
# one-shot command from dist/ with plain node (no tsx, no npm in between, so signals reach node).
# tini (PID 1) forwards SIGTERM to it and reaps zombies; node drains and exits.
#   gateway | customers | orders | inventory | campaigns | reviews   a long-running service
#   seed [--if-empty | --reset | --customers N …]           writes the demo world into every domain
#   token [--sub NAME --scopes a,b --ttl 8h]                prints a token from the local development key
set -eu
service="${1:-}"
[ "$#" -gt 0 ] && shift
case "$service" in
  gateway) exec node dist/gateway/src/index.js "$@" ;;
  customers | orders | inventory | campaigns | reviews) exec node "dist/subgraphs/$service/src/index.js" "$@" ;;
  seed) exec node dist/scripts/seed.js "$@" ;;
  token) exec node dist/scripts/token.js "$@" ;;
  *)
    echo "usage: mesh360 gateway|customers|orders|inventory|campaigns|reviews|seed|token [arguments]" >&2
    exit 64
    ;;
esac

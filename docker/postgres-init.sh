#!/usr/bin/env bash
# Bootstraps one Postgres server for the mesh. Per domain: a database, a login role that can connect
# to that database only, and the domain's schema owned by that role, so each subgraph runs its own
# migrations in its own schema and can read nothing else. Passwords come from the environment
# (docker-compose passes them from .env), never from this file.
#
# The postgres image runs it once, on an empty data volume (docker-entrypoint-initdb.d). By hand, on
# a server of your own, as a superuser:
#   PGHOST=db.example PGUSER=postgres CUSTOMERS_DB_PASSWORD=… ORDERS_DB_PASSWORD=… \
#     INVENTORY_DB_PASSWORD=… CAMPAIGNS_DB_PASSWORD=… docker/postgres-init.sh
set -euo pipefail

for domain in customers orders inventory campaigns reviews; do
  password_var="${domain^^}_DB_PASSWORD"
  password="${!password_var:-}"
  if [ -z "$password" ]; then
    echo "postgres-init: $password_var is not set; refusing to create the ${domain}_svc role without a password" >&2
    exit 1
  fi
  # psql fills :"name" (identifier) and :'name' (literal) itself, so a password is never spliced into SQL text.
  psql -v ON_ERROR_STOP=1 --no-psqlrc --username "${POSTGRES_USER:-${PGUSER:-postgres}}" --dbname postgres \
    -v role="${domain}_svc" -v password="$password" -v domain="$domain" <<'SQL'
CREATE ROLE :"role" LOGIN PASSWORD :'password' NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION CONNECTION LIMIT 50;
CREATE DATABASE :"domain";
-- Only the domain's own role may connect; other domains' roles are refused at the door.
REVOKE ALL ON DATABASE :"domain" FROM PUBLIC;
-- CREATE too, because every service runs `create schema if not exists <its schema>` at start
-- (shared/db.ts), which Postgres checks against the database even when the schema exists. The
-- database holds this domain only, so that reaches nothing of another domain.
GRANT CONNECT, TEMPORARY, CREATE ON DATABASE :"domain" TO :"role";
\connect :"domain"
REVOKE ALL ON SCHEMA public FROM PUBLIC;
-- The role owns its schema (tables, migration bookkeeping); it is no superuser, cannot create
-- roles or databases, and has no privilege on the public schema.
CREATE SCHEMA :"domain" AUTHORIZATION :"role";
SQL
  echo "postgres-init: database $domain, role ${domain}_svc owning schema $domain"
done

#!/bin/sh
# First start only (empty data volume): the `strata` database for the apps (each app creates its
# own schema and runs its migrations at boot) and the `keycloak` database, each owned by its own
# login role. Passwords come from the postgres service's environment (see ../.env.example).
set -eu

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v strata_password="$STRATA_DB_PASSWORD" \
  -v keycloak_password="$KEYCLOAK_DB_PASSWORD" <<'SQL'
CREATE ROLE strata LOGIN PASSWORD :'strata_password';
CREATE DATABASE strata OWNER strata;
CREATE ROLE keycloak LOGIN PASSWORD :'keycloak_password';
CREATE DATABASE keycloak OWNER keycloak;
REVOKE ALL ON DATABASE strata FROM PUBLIC;
REVOKE ALL ON DATABASE keycloak FROM PUBLIC;
SQL

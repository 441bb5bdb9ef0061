#!/usr/bin/env bash
# Creates one LOGIN role and one database per NmtPractice service (database per service):
#   nmt_scheduling, nmt_intake, nmt_treatment_records, nmt_outcome_reporting, nmt_notifications,
#   nmt_gateway.
# Each role owns its database, and CONNECT (with every other database privilege) is revoked from
# PUBLIC, so a service can reach its own database only.
#
# The postgres image runs this once, from /docker-entrypoint-initdb.d, when its data directory is
# empty. Passwords come from the container environment (NMT_<SERVICE>_DB_PASSWORD, set by
# docker-compose.yml from .env). Idempotent, and safe whether the entrypoint executes or sources it
# (no `exit`, no `set -u`); a data volume made before a service existed gets its database by running
# it again in the running container (deploy/docker/README.md, Caveats).
set -eo pipefail

nmt_create_database() {
  local role=$1 password=$2
  if [ -z "$password" ]; then
    echo "postgres-init: no password for $role (set its NMT_*_DB_PASSWORD)" >&2
    return 1
  fi
  # psql variables (:'name' quotes a literal, format %I/%L quotes identifiers/literals): the password
  # never becomes part of the SQL text unquoted.
  psql -v ON_ERROR_STOP=1 --no-psqlrc --username "${POSTGRES_USER:-postgres}" --dbname "${POSTGRES_DB:-postgres}" \
    --set=role="$role" --set=password="$password" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', :'role', :'password')
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'role') \gexec
SELECT format('ALTER ROLE %I WITH LOGIN PASSWORD %L', :'role', :'password') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'role', :'role')
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'role') \gexec
SELECT format('ALTER DATABASE %I OWNER TO %I', :'role', :'role') \gexec
SELECT format('REVOKE ALL ON DATABASE %I FROM PUBLIC', :'role') \gexec
SELECT format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO %I', :'role', :'role') \gexec
SQL
  echo "postgres-init: database $role ready (owner $role)"
}

nmt_create_database nmt_scheduling "${NMT_SCHEDULING_DB_PASSWORD:-}"
nmt_create_database nmt_intake "${NMT_INTAKE_DB_PASSWORD:-}"
nmt_create_database nmt_treatment_records "${NMT_TREATMENT_RECORDS_DB_PASSWORD:-}"
nmt_create_database nmt_outcome_reporting "${NMT_OUTCOME_REPORTING_DB_PASSWORD:-}"
nmt_create_database nmt_notifications "${NMT_NOTIFICATIONS_DB_PASSWORD:-}"
nmt_create_database nmt_gateway "${NMT_GATEWAY_DB_PASSWORD:-}"

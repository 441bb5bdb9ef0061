#!/bin/sh
# Gives each service a RabbitMQ user of its own on vhost "nmt" (nmt-scheduling, nmt-intake, ...),
# allowed exactly what deploy/broker/service-permissions.tsv says: its own events to publish, its own
# queues to read. docker-compose.yml runs it once the broker is healthy, before any service starts;
# it talks to the management API as the administrator NMT_RABBITMQ_USER. Idempotent.
#
# Passwords: NMT_RABBITMQ_<SERVICE>_PASSWORD (SCHEDULING, INTAKE, TREATMENT_RECORDS, OUTCOME_REPORTING,
# NOTIFICATIONS).
set -eu

permissions=${NMT_BROKER_PERMISSIONS:-/nmt/broker/service-permissions.tsv}
management=${NMT_RABBITMQ_MANAGEMENT:-http://rabbitmq:15672}
vhost=${NMT_RABBITMQ_VHOST:-nmt}
prefix=${NMT_RABBITMQ_USER_PREFIX:-nmt-}

api() { # api METHOD PATH [JSON]
  if [ $# -ge 3 ]; then
    curl -fsS -o /dev/null -u "$NMT_RABBITMQ_USER:$NMT_RABBITMQ_PASSWORD" -H 'content-type: application/json' -X "$1" "$management/api/$2" -d "$3"
  else
    curl -fsS -o /dev/null -u "$NMT_RABBITMQ_USER:$NMT_RABBITMQ_PASSWORD" -X "$1" "$management/api/$2"
  fi
}

json() { printf '%s' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g'; }

tab=$(printf '\t')
while IFS="$tab" read -r service configure write read; do
  case "$service" in '' | '#'*) continue ;; esac
  variable="NMT_RABBITMQ_$(printf '%s' "$service" | tr 'a-z-' 'A-Z_')_PASSWORD"
  password=$(printenv "$variable" || true)
  if [ -z "$password" ]; then
    echo "rabbitmq-init: $variable must be set" >&2
    exit 1
  fi
  api PUT "users/$prefix$service" "{\"password\":\"$(json "$password")\",\"tags\":\"\"}"
  api PUT "permissions/$vhost/$prefix$service" \
    "{\"configure\":\"$(json "$configure")\",\"write\":\"$(json "$write")\",\"read\":\"$(json "$read")\"}"
  echo "rabbitmq-init: $prefix$service may configure $configure, write $write, read $read"
done <"$permissions"

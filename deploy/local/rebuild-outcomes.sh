#!/usr/bin/env bash
# Rebuilds every outcome-reporting read model from its event store, through the gateway, as the
# demo service account (an operations admin), and prints the progress until it is done.
#
#   deploy/local/rebuild-outcomes.sh [GATEWAY_URL]     (after deploy/local/start.sh)
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
export NMT_LOG_PREFIX=rebuild
# shellcheck source=deploy/local/lib.sh
. "$SCRIPT_DIR/lib.sh"

GATEWAY_URL=${1:-http://127.0.0.1:${NMT_GATEWAY_PORT:-5080}}
DEMO_ENV="$SCRIPT_DIR/../../.run/demo.env"
[[ -f $DEMO_ENV ]] || die "no $DEMO_ENV: start the system with deploy/local/start.sh first"
# shellcheck disable=SC1090
. "$DEMO_ENV"

token=$(curl -sS -d grant_type=client_credentials -d client_id=nmt-demo-data -d scope=nmt-api \
  --data-urlencode "client_secret=$NMT_DEMO_SEEDER_SECRET" "$GATEWAY_URL/connect/token" \
  | grep -o '"access_token": *"[^"]*"' | cut -d'"' -f4)
[[ -n $token ]] || die "could not get a token"

body=$(mktemp)
trap 'rm -f "$body"' EXIT
code=$(curl -sS -o "$body" -w '%{http_code}' -X POST -H "Authorization: Bearer $token" "$GATEWAY_URL/api/outcomes/rebuilds")
[[ $code == 202 ]] || die "starting the rebuild failed with HTTP $code: $(cat "$body")"
id=$(grep -o '"id": *"[^"]*"' "$body" | head -1 | cut -d'"' -f4)
log "rebuild $id started"

state=running
while [[ $state == running ]]; do
  sleep 1
  curl -sS -o "$body" -H "Authorization: Bearer $token" "$GATEWAY_URL/api/outcomes/rebuilds/$id"
  state=$(grep -o '"state": *"[^"]*"' "$body" | head -1 | cut -d'"' -f4)
  progress=$(grep -o '"name": *"[^"]*", *"state": *"[^"]*", *"eventsProcessed": *[0-9]*' "$body" \
    | sed -E 's/"name": *"([^"]*)", *"state": *"([^"]*)", *"eventsProcessed": *([0-9]*)/\1 \2 \3/' | tr '\n' ';')
  total=$(grep -o '"eventsToReplay": *[0-9]*' "$body" | grep -o '[0-9]*$')
  log "$state: ${progress%;} (of $total events)"
done
[[ $state == succeeded ]] || die "the rebuild $state: $(cat "$body")"
log "every read model rebuilt"

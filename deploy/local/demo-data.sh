#!/usr/bin/env bash
# Books demo appointments through the gateway: three clinics of a chain in two time zones, for the
# next working days. Idempotent: each appointment has a fixed id, and a repeated request returns
# the existing appointment (200) or, if an earlier run booked that id for another day, 409.
#
#   deploy/local/demo-data.sh [GATEWAY_URL]
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
export NMT_LOG_PREFIX=demo-data
# shellcheck source=deploy/local/lib.sh
. "$SCRIPT_DIR/lib.sh"

GATEWAY_URL=${1:-http://127.0.0.1:${NMT_GATEWAY_PORT:-5080}}
: "${NMT_DEMO_SEEDER_SECRET:?set NMT_DEMO_SEEDER_SECRET (start.sh keeps it in .run/demo.env)}"

# The loader signs in as a service account (client credentials) with the operations-admin role.
token=$(curl -sS -d grant_type=client_credentials -d client_id=nmt-demo-data -d scope=nmt-api \
  --data-urlencode "client_secret=$NMT_DEMO_SEEDER_SECRET" "$GATEWAY_URL/connect/token" \
  | grep -o '"access_token": *"[^"]*"' | cut -d'"' -f4)
[[ -n $token ]] || die "could not get a token for the demo data loader"

# Locations: id, IANA time zone.
LOCATIONS=(
  "0194f3a0-0000-7000-8000-00000000a001 America/New_York"   # Boston, Back Bay
  "0194f3a0-0000-7000-8000-00000000a002 America/New_York"   # Cambridge
  "0194f3a0-0000-7000-8000-00000000a003 America/Chicago"    # Chicago, Loop
)
THERAPISTS=(0194f3a0-0000-7000-8000-00000000b001 0194f3a0-0000-7000-8000-00000000b002 0194f3a0-0000-7000-8000-00000000b003)

created=0 existing=0
for day in 1 2 3; do
  for l in 0 1 2; do
    read -r location zone <<<"${LOCATIONS[l]}"
    for slot in 0 1 2; do
      hour=$((9 + slot * 2))
      starts_at=$(TZ=$zone date -d "today + $day days $hour:00" +%Y-%m-%dT%H:%M:00%:z)
      n=$(printf '%02d%02d%02d' "$day" "$l" "$slot")
      body=$(printf '{"appointmentId":"0194f3a0-0000-7000-8000-0000%08d","clientId":"0194f3a0-0000-7000-8000-0000c000%04d","locationId":"%s","therapistId":"%s","serviceCode":"NMT-%s","startsAt":"%s","durationMinutes":%s}' \
        "$n" "$((l * 3 + slot))" "$location" "${THERAPISTS[l]}" "$((slot == 1 ? 90 : 60))" "$starts_at" "$((slot == 1 ? 90 : 60))")
      code=$(curl -sS -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' -H "Authorization: Bearer $token" \
        -d "$body" "$GATEWAY_URL/api/scheduling/appointments")
      case $code in
        201) created=$((created + 1)) ;;
        200 | 409) existing=$((existing + 1)) ;;
        *) die "booking a demo appointment failed with HTTP $code" ;;
      esac
    done
  done
done
log "demo appointments: $created booked, $existing already there"

# Demo clients at Back Bay, one per screening outcome: registered, intake answered, consented.
NO_ANSWERS='"fever":false,"contagious_infection":false,"contagious_skin_condition":false,"blood_pressure_uncontrolled":false,"head_injury_not_cleared":false,"emergency_signs":false,"alcohol_or_drugs":false,"cancer_treatment":false,"bleeding_disorder":false,"diabetes":false,"long_term_steroids":false,"surgery_last_3_months":false,"fracture_last_3_months":false,"accident_last_6_weeks":false'
CLIENTS=(
  # id suffix | given | family | answers that differ from "no" (JSON members)
  "d001|Ava|Lindqvist|\"osteoporosis\":false,\"fragile_skin\":false,\"anticoagulants\":false,\"pregnant\":false,\"pain_regions\":[\"neck-posterior\",\"upper-trapezius-right\"],\"pain_intensity\":6,\"goals\":\"Work at the computer without neck pain\",\"dvt_signs\":false"
  "d002|Marcus|Oyelaran|\"osteoporosis\":true,\"fragile_skin\":false,\"anticoagulants\":false,\"pregnant\":false,\"varicose_vein_regions\":[\"calf-left\"],\"pain_regions\":[\"low-back\"],\"pain_intensity\":7,\"goals\":\"Garden again without back pain\",\"dvt_signs\":false"
  "d003|Helen|Brodeur|\"osteoporosis\":false,\"fragile_skin\":false,\"anticoagulants\":true,\"pregnant\":false,\"pain_regions\":[\"shoulder-right\"],\"pain_intensity\":5,\"goals\":\"Lift my arm overhead\",\"dvt_signs\":false"
  "d004|Tom|Castellano|\"osteoporosis\":false,\"fragile_skin\":false,\"anticoagulants\":false,\"pregnant\":false,\"pain_regions\":[\"calf-right\"],\"pain_intensity\":4,\"goals\":\"Run a 10k\",\"dvt_signs\":true"
)
clients_new=0
for entry in "${CLIENTS[@]}"; do
  IFS='|' read -r suffix given family answers <<<"$entry"
  client_id="0194f3a0-0000-7000-8000-00000000$suffix"
  registration=$(printf '{"clientId":"%s","locationId":"%s","name":{"given":"%s","family":"%s"},"dateOfBirth":"1978-04-12","contact":{"email":"%s@example.org"}}' \
    "$client_id" "${LOCATIONS[0]%% *}" "$given" "$family" "${given,,}")
  code=$(curl -sS -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' -H "Authorization: Bearer $token" \
    -d "$registration" "$GATEWAY_URL/api/intake/clients")
  case $code in
    201) ;;
    409) continue ;;
    *) die "registering a demo client failed with HTTP $code" ;;
  esac
  body="{\"answers\":{$NO_ANSWERS,$answers}}"
  code=$(curl -sS -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' -H "Authorization: Bearer $token" \
    -d "$body" "$GATEWAY_URL/api/intake/clients/$client_id/intakes")
  [[ $code == 201 ]] || die "answering a demo intake failed with HTTP $code"
  consent=$(printf '{"kind":"treatment","policyVersion":"2026-01","signerName":"%s %s","signerRelationship":"self","signedOn":"%s"}' "$given" "$family" "$(date -u +%F)")
  code=$(curl -sS -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' -H "Authorization: Bearer $token" \
    -d "$consent" "$GATEWAY_URL/api/intake/clients/$client_id/consents")
  [[ $code == 200 ]] || die "recording a demo consent failed with HTTP $code"
  clients_new=$((clients_new + 1))
done
log "demo clients: $clients_new registered and screened"

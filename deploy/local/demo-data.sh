#!/usr/bin/env bash
# Loads the demo chain through the gateway, as a service account: three clinics in two time zones
# with rooms, therapists and services; clients registered and screened through intake (one per
# screening outcome); appointments for the next working days; and a signed session note for each
# client screening allows to be treated. Idempotent: everything has a
# fixed id, and what exists already is left as it is (409).
#
#   deploy/local/demo-data.sh [GATEWAY_URL]      (needs NMT_DEMO_SEEDER_SECRET, kept in .run/demo.env)
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
export NMT_LOG_PREFIX=demo-data
# shellcheck source=deploy/local/lib.sh
. "$SCRIPT_DIR/lib.sh"

GATEWAY_URL=${1:-http://127.0.0.1:${NMT_GATEWAY_PORT:-5080}}
: "${NMT_DEMO_SEEDER_SECRET:?set NMT_DEMO_SEEDER_SECRET (start.sh keeps it in .run/demo.env)}"
RESPONSE=$(mktemp)
trap 'rm -f "$RESPONSE"' EXIT

# The loader signs in as a service account (client credentials).
token=$(curl -sS -d grant_type=client_credentials -d client_id=nmt-demo-data -d scope=nmt-api \
  --data-urlencode "client_secret=$NMT_DEMO_SEEDER_SECRET" "$GATEWAY_URL/connect/token" \
  | grep -o '"access_token": *"[^"]*"' | cut -d'"' -f4)
[[ -n $token ]] || die "could not get a token for the demo data loader"

# api METHOD PATH JSON [VERSION]: prints the HTTP status; the body is in $RESPONSE. With VERSION,
# sends If-Match. Waits out the gateway's rate limit (429 with Retry-After) rather than failing.
api() {
  local code attempt headers if_match=()
  [[ -n ${4:-} ]] && if_match=(-H "If-Match: \"$4\"")
  headers=$(mktemp)
  for attempt in 1 2 3 4; do
    code=$(curl -sS -D "$headers" -o "$RESPONSE" -w '%{http_code}' -X "$1" -H 'Content-Type: application/json' \
      "${if_match[@]}" -H "Authorization: Bearer $token" -d "$3" "$GATEWAY_URL$2")
    [[ $code == 429 ]] || break
    local wait
    wait=$(grep -i '^retry-after:' "$headers" | tr -dc '0-9')
    log "rate limited by the gateway; waiting ${wait:-10} s" >&2
    sleep "${wait:-10}"
  done
  rm -f "$headers"
  printf '%s' "$code"
}

# create PATH JSON WHAT: 2xx or 409 (exists) is fine, anything else stops the load.
create() {
  local code
  code=$(api POST "$1" "$2")
  [[ $code == 2* || $code == 409 ]] || die "creating $3 failed with HTTP $code: $(cat "$RESPONSE")"
}


# --- services ---------------------------------------------------------------------------------
create /api/scheduling/services '{"code":"NMT-30","name":"Neuromuscular therapy, 30 minutes","durationMinutes":30,"bufferMinutes":10,"price":55,"currency":"USD"}' "service NMT-30"
create /api/scheduling/services '{"code":"NMT-60","name":"Neuromuscular therapy, 60 minutes","durationMinutes":60,"bufferMinutes":15,"price":95,"currency":"USD"}' "service NMT-60"
create /api/scheduling/services '{"code":"NMT-90","name":"Neuromuscular therapy, 90 minutes","durationMinutes":90,"bufferMinutes":15,"price":135,"currency":"USD"}' "service NMT-90"

# --- locations, rooms, therapists ----------------------------------------------------------------
HOURS='[{"day":"Monday","from":"08:00","to":"20:00"},{"day":"Tuesday","from":"08:00","to":"20:00"},{"day":"Wednesday","from":"08:00","to":"20:00"},{"day":"Thursday","from":"08:00","to":"20:00"},{"day":"Friday","from":"08:00","to":"20:00"},{"day":"Saturday","from":"09:00","to":"15:00"}]'
WORK='[{"day":"Monday","from":"09:00","to":"17:00"},{"day":"Tuesday","from":"09:00","to":"17:00"},{"day":"Wednesday","from":"09:00","to":"17:00"},{"day":"Thursday","from":"09:00","to":"17:00"},{"day":"Friday","from":"09:00","to":"17:00"},{"day":"Saturday","from":"09:00","to":"14:00"}]'
LOCATIONS=(
  # number | name | street | city | region | postal code | time zone | therapists (the first is the demo
  # user therapist.<location>, whose staff account is linked: their sessions' notes are theirs to open)
  "a001|Back Bay|350 Boylston St|Boston|MA|02116|America/New_York|Sam Whitaker;Nadia Flores"
  "a002|Cambridge|1 Brattle Sq|Cambridge|MA|02138|America/New_York|Ava Brennan;Owen Patel"
  "a003|Chicago Loop|120 S State St|Chicago|IL|60603|America/Chicago|Luis Ortega;Hannah Cole"
)
# The demo therapists' staff accounts (gateway/NmtPractice.Gateway/Identity/DemoUsers.cs).
declare -A DEMO_THERAPIST_ACCOUNT=([a001]=0194f3a0-0000-7000-8000-000000000a02 [a002]=0194f3a0-0000-7000-8000-000000000a05 [a003]=0194f3a0-0000-7000-8000-000000000a08)
for entry in "${LOCATIONS[@]}"; do
  IFS='|' read -r number name street city region postal zone therapists <<<"$entry"
  location="0194f3a0-0000-7000-8000-00000000$number"
  create /api/scheduling/locations "{\"locationId\":\"$location\",\"name\":\"$name\",\"address\":{\"line1\":\"$street\",\"city\":\"$city\",\"region\":\"$region\",\"postalCode\":\"$postal\",\"country\":\"US\"},\"timeZone\":\"$zone\",\"openingHours\":$HOURS}" "location $name"
  for room in 1 2; do
    create "/api/scheduling/locations/$location/rooms" "{\"roomId\":\"0194f3a0-0000-7000-8000-0000000${number}${room}\",\"name\":\"Room $room\"}" "room $room at $name"
  done
  n=0
  IFS=';' read -ra names <<<"$therapists"
  for therapist_name in "${names[@]}"; do
    n=$((n + 1))
    therapist="0194f3a0-0000-7000-8000-0000000b${number#a}$n"
    account=null
    ((n == 1)) && account="\"${DEMO_THERAPIST_ACCOUNT[$number]}\""
    create /api/scheduling/therapists "{\"therapistId\":\"$therapist\",\"name\":\"$therapist_name\",\"userId\":$account,\"services\":[\"NMT-30\",\"NMT-60\",\"NMT-90\"]}" "therapist $therapist_name"
    code=$(api PUT "/api/scheduling/therapists/$therapist/locations/$location/hours" "{\"hours\":$WORK}")
    [[ $code == 200 ]] || die "setting the hours of $therapist_name failed with HTTP $code"
  done
done
log "practice: 3 locations, 6 rooms, 6 therapists, 3 services"

# --- clients, registered and screened through intake ----------------------------------------------
NO='"fever":false,"contagious_infection":false,"contagious_skin_condition":false,"blood_pressure_uncontrolled":false,"head_injury_not_cleared":false,"emergency_signs":false,"alcohol_or_drugs":false,"cancer_treatment":false,"bleeding_disorder":false,"diabetes":false,"long_term_steroids":false,"surgery_last_3_months":false,"fracture_last_3_months":false,"accident_last_6_weeks":false,"pregnant":false,"fragile_skin":false'
CLIENTS=(
  # id suffix | location | given | family | the rest of the answers
  "d001|a001|Ava|Lindqvist|\"osteoporosis\":false,\"anticoagulants\":false,\"dvt_signs\":false,\"pain_regions\":[\"neck-posterior\",\"upper-trapezius-right\"],\"pain_intensity\":6,\"goals\":\"Work at the computer without neck pain\""
  "d002|a001|Marcus|Oyelaran|\"osteoporosis\":true,\"anticoagulants\":false,\"dvt_signs\":false,\"varicose_vein_regions\":[\"calf-left\"],\"pain_regions\":[\"low-back\"],\"pain_intensity\":7,\"goals\":\"Garden again without back pain\""
  "d003|a001|Helen|Brodeur|\"osteoporosis\":false,\"anticoagulants\":true,\"dvt_signs\":false,\"pain_regions\":[\"shoulder-right\"],\"pain_intensity\":5,\"goals\":\"Lift my arm overhead\""
  "d004|a001|Tom|Castellano|\"osteoporosis\":false,\"anticoagulants\":false,\"dvt_signs\":true,\"pain_regions\":[\"calf-right\"],\"pain_intensity\":4,\"goals\":\"Run a 10k\""
  "d005|a002|Priya|Raman|\"osteoporosis\":false,\"anticoagulants\":false,\"dvt_signs\":false,\"pain_regions\":[\"jaw-left\",\"neck-posterior\"],\"pain_intensity\":5,\"goals\":\"Fewer tension headaches\""
  "d006|a002|Jonas|Weber|\"osteoporosis\":false,\"anticoagulants\":false,\"dvt_signs\":false,\"pain_regions\":[\"low-back\",\"gluteal-right\"],\"pain_intensity\":6,\"goals\":\"Sit through a workday\""
  "d007|a003|Keisha|Moore|\"osteoporosis\":false,\"anticoagulants\":false,\"dvt_signs\":false,\"pain_regions\":[\"forearm-right\",\"wrist-hand-right\"],\"pain_intensity\":6,\"goals\":\"Play the piano again\""
  "d008|a003|Diego|Santos|\"osteoporosis\":false,\"anticoagulants\":false,\"dvt_signs\":false,\"pain_regions\":[\"shoulder-left\"],\"pain_intensity\":3,\"goals\":\"Swim without shoulder pain\""
  "d009|a001|Grace|Okafor|\"osteoporosis\":false,\"anticoagulants\":false,\"dvt_signs\":false,\"pain_regions\":[\"low-back\"],\"pain_intensity\":6,\"goals\":\"Lift my grandchildren\""
  "d010|a001|Henrik|Larsen|\"osteoporosis\":false,\"anticoagulants\":false,\"dvt_signs\":false,\"pain_regions\":[\"neck-posterior\"],\"pain_intensity\":6,\"goals\":\"Sleep through the night\""
  "d011|a001|Maya|Cohen|\"osteoporosis\":false,\"anticoagulants\":false,\"dvt_signs\":false,\"pain_regions\":[\"shoulder-right\"],\"pain_intensity\":6,\"goals\":\"Paint ceilings again\""
  "d012|a002|Luca|Bianchi|\"osteoporosis\":false,\"anticoagulants\":false,\"dvt_signs\":false,\"pain_regions\":[\"gluteal-left\"],\"pain_intensity\":6,\"goals\":\"Cycle to work\""
  "d013|a002|Amara|Nwosu|\"osteoporosis\":false,\"anticoagulants\":false,\"dvt_signs\":false,\"pain_regions\":[\"upper-trapezius-left\"],\"pain_intensity\":6,\"goals\":\"Fewer headaches\""
  "d014|a002|Sofia|Alves|\"osteoporosis\":false,\"anticoagulants\":false,\"dvt_signs\":false,\"pain_regions\":[\"forearm-left\"],\"pain_intensity\":6,\"goals\":\"Type without pain\""
  "d015|a003|Ethan|Brooks|\"osteoporosis\":false,\"anticoagulants\":false,\"dvt_signs\":false,\"pain_regions\":[\"calf-right\"],\"pain_intensity\":6,\"goals\":\"Run again\""
  "d016|a003|Leila|Haddad|\"osteoporosis\":false,\"anticoagulants\":false,\"dvt_signs\":false,\"pain_regions\":[\"low-back\"],\"pain_intensity\":6,\"goals\":\"Garden all afternoon\""
  "d017|a003|Noah|Kim|\"osteoporosis\":false,\"anticoagulants\":false,\"dvt_signs\":false,\"pain_regions\":[\"neck-posterior\"],\"pain_intensity\":6,\"goals\":\"Drive without neck pain\""
  # More Back Bay clients, so that its outcomes by technique have groups large enough to show.
  "d018|a001|Olivia|Grant|\"osteoporosis\":false,\"anticoagulants\":false,\"dvt_signs\":false,\"pain_regions\":[\"neck-posterior\"],\"pain_intensity\":6,\"goals\":\"Move without pain\""
  "d019|a001|Rafael|Mendes|\"osteoporosis\":false,\"anticoagulants\":false,\"dvt_signs\":false,\"pain_regions\":[\"upper-trapezius-left\"],\"pain_intensity\":6,\"goals\":\"Move without pain\""
  "d020|a001|Hannah|Berg|\"osteoporosis\":false,\"anticoagulants\":false,\"dvt_signs\":false,\"pain_regions\":[\"shoulder-left\"],\"pain_intensity\":6,\"goals\":\"Move without pain\""
  "d021|a001|Samuel|Osei|\"osteoporosis\":false,\"anticoagulants\":false,\"dvt_signs\":false,\"pain_regions\":[\"low-back\"],\"pain_intensity\":6,\"goals\":\"Move without pain\""
  "d022|a001|Chloe|Dubois|\"osteoporosis\":false,\"anticoagulants\":false,\"dvt_signs\":false,\"pain_regions\":[\"forearm-right\"],\"pain_intensity\":6,\"goals\":\"Move without pain\""
  "d023|a001|Arjun|Mehta|\"osteoporosis\":false,\"anticoagulants\":false,\"dvt_signs\":false,\"pain_regions\":[\"calf-left\"],\"pain_intensity\":6,\"goals\":\"Move without pain\""
  "d024|a001|Freya|Nilsson|\"osteoporosis\":false,\"anticoagulants\":false,\"dvt_signs\":false,\"pain_regions\":[\"gluteal-left\"],\"pain_intensity\":6,\"goals\":\"Move without pain\""
  "d025|a001|Mateo|Ruiz|\"osteoporosis\":false,\"anticoagulants\":false,\"dvt_signs\":false,\"pain_regions\":[\"neck-posterior\"],\"pain_intensity\":6,\"goals\":\"Move without pain\""
  "d026|a001|Zara|Hussain|\"osteoporosis\":false,\"anticoagulants\":false,\"dvt_signs\":false,\"pain_regions\":[\"jaw-right\"],\"pain_intensity\":6,\"goals\":\"Move without pain\""
  "d027|a001|Owen|Price|\"osteoporosis\":false,\"anticoagulants\":false,\"dvt_signs\":false,\"pain_regions\":[\"low-back\"],\"pain_intensity\":6,\"goals\":\"Move without pain\""
  # Priya Raman, a Cambridge client, registered a second time at Back Bay: operations see the pair
  # under Duplicates and can merge them.
  "d028|a001|Priya|Raman|\"osteoporosis\":false,\"anticoagulants\":false,\"dvt_signs\":false,\"pain_regions\":[\"jaw-left\"],\"pain_intensity\":5,\"goals\":\"Fewer tension headaches\""
)
clients_new=0
for entry in "${CLIENTS[@]}"; do
  IFS='|' read -r suffix number given family answers <<<"$entry"
  client="0194f3a0-0000-7000-8000-00000000$suffix"
  location="0194f3a0-0000-7000-8000-00000000$number"
  # Every demo client agreed in writing to email and texts (Mateo Ruiz reads them in Spanish): their
  # confirmations and reminders land in the local mail inbox and on the fake phones (messaging.sh phone-log).
  language=en
  [[ $given == Mateo ]] && language=es
  phone="+1 617 555 1${suffix:1}"
  code=$(api POST /api/intake/clients "{\"clientId\":\"$client\",\"locationId\":\"$location\",\"name\":{\"given\":\"$given\",\"family\":\"$family\"},\"dateOfBirth\":\"1978-04-12\",\"contact\":{\"email\":\"${given,,}@example.org\",\"phone\":\"$phone\"},\"messages\":{\"email\":true,\"sms\":true,\"language\":\"$language\",\"how\":\"written\"}}")
  case $code in
    201) ;;
    409) continue ;;
    *) die "registering a demo client failed with HTTP $code: $(cat "$RESPONSE")" ;;
  esac
  code=$(api POST "/api/intake/clients/$client/intakes" "{\"answers\":{$NO,$answers}}")
  [[ $code == 201 ]] || die "answering a demo intake failed with HTTP $code: $(cat "$RESPONSE")"
  code=$(api POST "/api/intake/clients/$client/consents" "{\"kind\":\"treatment\",\"policyVersion\":\"2026-01\",\"signerName\":\"$given $family\",\"signerRelationship\":\"self\",\"signedOn\":\"$(date -u +%F)\"}")
  [[ $code == 200 ]] || die "recording a demo consent failed with HTTP $code"
  clients_new=$((clients_new + 1))
done
log "clients: $clients_new registered and screened (one of each screening outcome at Back Bay)"

# --- appointments for the next working days -------------------------------------------------------
# Bookable clients per location (the contraindicated one at Back Bay is refused, as it should be).
declare -A BOOKABLE=([a001]="d001 d002 d003 d009" [a002]="d005 d006 d012" [a003]="d007 d008 d015")
declare -A ZONE=([a001]=America/New_York [a002]=America/New_York [a003]=America/Chicago)
booked=0 skipped=0
for day in 0 1 2 3 4; do
  for number in a001 a002 a003; do
    location="0194f3a0-0000-7000-8000-00000000$number"
    slot=0
    for suffix in ${BOOKABLE[$number]}; do
      slot=$((slot + 1))
      therapist="0194f3a0-0000-7000-8000-0000000b${number#a}$(((slot % 2) + 1))"
      starts_at=$(TZ=${ZONE[$number]} date -d "today + $day days $((8 + slot * 2)):00" +%Y-%m-%dT%H:%M:00%:z)
      # Today only what is still ahead.
      if ((day == 0)) && (($(date -d "$starts_at" +%s) < $(date +%s) + 600)); then
        skipped=$((skipped + 1))
        continue
      fi
      body="{\"appointmentId\":\"0194f3a0-0000-7000-8000-0000e${number#a}${day}${slot}00\",\"clientId\":\"0194f3a0-0000-7000-8000-00000000$suffix\",\"locationId\":\"$location\",\"therapistId\":\"$therapist\",\"serviceCode\":\"NMT-60\",\"startsAt\":\"$starts_at\"}"
      # Scheduling learns of new clients from intake's events a moment after registration.
      for attempt in 1 2 3 4 5 6 7 8 9 10; do
        code=$(api POST /api/scheduling/appointments "$body")
        grep -q 'Unknown client' "$RESPONSE" || break
        sleep 0.5
      done
      case $code in
        201) booked=$((booked + 1)) ;;
        200 | 409) skipped=$((skipped + 1)) ;;
        *) die "booking a demo appointment failed with HTTP $code: $(cat "$RESPONSE")" ;;
      esac
    done
  done
done
log "appointments: $booked booked, $skipped already there or not bookable (closed days, contraindications)"

# A client of the chain seen at a second clinic: Ava Lindqvist (Back Bay) is booked at Cambridge too,
# so Cambridge's staff read her whole record and her Back Bay notes.
ahead=3
while (($(TZ=America/New_York date -d "today + $ahead days" +%u) >= 6)); do ahead=$((ahead + 1)); done  # a weekday: therapists stop early on Saturdays, Cambridge is closed on Sundays
starts_at=$(TZ=America/New_York date -d "today + $ahead days 15:00" +%Y-%m-%dT%H:%M:00%:z)
code=$(api POST /api/scheduling/appointments "{\"appointmentId\":\"0194f3a0-0000-7000-8000-0000e0023900\",\"clientId\":\"0194f3a0-0000-7000-8000-00000000d001\",\"locationId\":\"0194f3a0-0000-7000-8000-00000000a002\",\"therapistId\":\"0194f3a0-0000-7000-8000-0000000b0021\",\"serviceCode\":\"NMT-60\",\"startsAt\":\"$starts_at\"}")
[[ $code == 2* || $code == 409 ]] || die "booking Ava Lindqvist at Cambridge failed with HTTP $code: $(cat "$RESPONSE")"

# A course of care booked at once: Helen Brodeur's six weekly sessions at Back Bay, 09:00 (the Book page books
# such courses; the calendar marks each as a session of it).
ahead=2
while (($(TZ=America/New_York date -d "today + $ahead days" +%u) >= 6)); do ahead=$((ahead + 1)); done
starts_at=$(TZ=America/New_York date -d "today + $ahead days 09:00" +%Y-%m-%dT%H:%M:00%:z)
code=$(api POST /api/scheduling/appointment-series "{\"seriesId\":\"0194f3a0-0000-7000-8000-0000c0015e01\",\"clientId\":\"0194f3a0-0000-7000-8000-00000000d003\",\"locationId\":\"0194f3a0-0000-7000-8000-00000000a001\",\"therapistId\":\"0194f3a0-0000-7000-8000-0000000b0011\",\"serviceCode\":\"NMT-60\",\"startsAt\":\"$starts_at\",\"everyWeeks\":1,\"times\":6}")
[[ $code == 201 || $code == 409 ]] || die "booking the demo course failed with HTTP $code: $(cat "$RESPONSE")"
log "a course of six weekly sessions at Back Bay: $(grep -o '"booked":[0-9]*' "$RESPONSE" | cut -d: -f2 || echo 0) of 6 booked"

# --- signed session notes (walk-ins today, each with its therapist) for every client screening allows to treat
NOTES=(
  # client[/visit] | location | pain region | muscle | trigger point region | technique JSON (without region and muscle) | pain before | after
  # (a second visit of the same client comes back with less pain: its course shows meaningful improvement)
  "d001|a001|neck-posterior|upper-trapezius|upper-trapezius-right|\"kind\":\"alternating-ischemic-compression\",\"cycles\":4,\"holdSeconds\":10,\"pressure\":\"firm\",\"discomfort\":6|6|3"
  "d002|a001|low-back|quadratus-lumborum|low-back|\"kind\":\"muscle-stripping\",\"strokes\":6,\"direction\":\"origin-to-insertion\",\"pressure\":\"light\",\"discomfort\":4|7|5"
  "d005|a002|jaw-left|masseter|jaw-left|\"kind\":\"prolonged-ischemic-compression\",\"releases\":3,\"secondsEach\":60,\"pressure\":\"moderate\",\"discomfort\":8|5|2"
  "d006|a002|gluteal-right|piriformis|gluteal-right|\"kind\":\"prolonged-ischemic-compression\",\"releases\":2,\"secondsEach\":90,\"pressure\":\"deep\",\"discomfort\":6|6|4"
  "d007|a003|forearm-right|forearm-extensors|forearm-right|\"kind\":\"muscle-stripping\",\"strokes\":8,\"direction\":\"insertion-to-origin\",\"pressure\":\"moderate\",\"discomfort\":5|6|3"
  "d008|a003|shoulder-left|infraspinatus|scapula-left|\"kind\":\"alternating-ischemic-compression\",\"cycles\":5,\"holdSeconds\":8,\"pressure\":\"firm\",\"discomfort\":5|3|1"
  "d009|a001|low-back|quadratus-lumborum|low-back|\"kind\":\"muscle-stripping\",\"strokes\":6,\"direction\":\"origin-to-insertion\",\"pressure\":\"moderate\",\"discomfort\":4|7|5"
  "d010|a001|neck-posterior|splenius-capitis|neck-posterior|\"kind\":\"prolonged-ischemic-compression\",\"releases\":3,\"secondsEach\":60,\"pressure\":\"moderate\",\"discomfort\":6|6|4"
  "d011|a001|shoulder-right|infraspinatus|scapula-right|\"kind\":\"alternating-ischemic-compression\",\"cycles\":4,\"holdSeconds\":10,\"pressure\":\"firm\",\"discomfort\":5|5|3"
  "d012|a002|gluteal-left|piriformis|gluteal-left|\"kind\":\"prolonged-ischemic-compression\",\"releases\":3,\"secondsEach\":60,\"pressure\":\"moderate\",\"discomfort\":6|6|4"
  "d013|a002|upper-trapezius-left|upper-trapezius|upper-trapezius-left|\"kind\":\"alternating-ischemic-compression\",\"cycles\":4,\"holdSeconds\":10,\"pressure\":\"firm\",\"discomfort\":5|7|4"
  "d014|a002|forearm-left|forearm-extensors|forearm-left|\"kind\":\"muscle-stripping\",\"strokes\":6,\"direction\":\"origin-to-insertion\",\"pressure\":\"moderate\",\"discomfort\":4|5|3"
  "d015|a003|calf-right|gastrocnemius|calf-right|\"kind\":\"muscle-stripping\",\"strokes\":6,\"direction\":\"origin-to-insertion\",\"pressure\":\"moderate\",\"discomfort\":4|6|3"
  "d016|a003|low-back|quadratus-lumborum|low-back|\"kind\":\"prolonged-ischemic-compression\",\"releases\":3,\"secondsEach\":60,\"pressure\":\"moderate\",\"discomfort\":6|7|5"
  "d017|a003|neck-posterior|splenius-capitis|neck-posterior|\"kind\":\"alternating-ischemic-compression\",\"cycles\":4,\"holdSeconds\":10,\"pressure\":\"firm\",\"discomfort\":5|6|3"
  "d018|a001|neck-posterior|upper-trapezius|upper-trapezius-right|\"kind\":\"alternating-ischemic-compression\",\"cycles\":4,\"holdSeconds\":10,\"pressure\":\"firm\",\"discomfort\":5|7|4"
  "d019|a001|upper-trapezius-left|upper-trapezius|upper-trapezius-left|\"kind\":\"alternating-ischemic-compression\",\"cycles\":4,\"holdSeconds\":10,\"pressure\":\"firm\",\"discomfort\":5|6|3"
  "d020|a001|shoulder-left|infraspinatus|scapula-left|\"kind\":\"alternating-ischemic-compression\",\"cycles\":4,\"holdSeconds\":10,\"pressure\":\"firm\",\"discomfort\":5|5|3"
  "d021|a001|low-back|quadratus-lumborum|low-back|\"kind\":\"muscle-stripping\",\"strokes\":6,\"direction\":\"origin-to-insertion\",\"pressure\":\"moderate\",\"discomfort\":4|7|5"
  "d022|a001|forearm-right|forearm-extensors|forearm-right|\"kind\":\"muscle-stripping\",\"strokes\":6,\"direction\":\"origin-to-insertion\",\"pressure\":\"moderate\",\"discomfort\":4|6|4"
  "d023|a001|calf-left|gastrocnemius|calf-left|\"kind\":\"muscle-stripping\",\"strokes\":6,\"direction\":\"origin-to-insertion\",\"pressure\":\"moderate\",\"discomfort\":4|5|3"
  "d024|a001|gluteal-left|piriformis|gluteal-left|\"kind\":\"prolonged-ischemic-compression\",\"releases\":3,\"secondsEach\":60,\"pressure\":\"moderate\",\"discomfort\":6|6|4"
  "d025|a001|neck-posterior|splenius-capitis|neck-posterior|\"kind\":\"prolonged-ischemic-compression\",\"releases\":3,\"secondsEach\":60,\"pressure\":\"moderate\",\"discomfort\":6|6|3"
  "d026|a001|jaw-right|masseter|jaw-right|\"kind\":\"prolonged-ischemic-compression\",\"releases\":3,\"secondsEach\":60,\"pressure\":\"moderate\",\"discomfort\":6|5|2"
  "d027|a001|low-back|quadratus-lumborum|low-back|\"kind\":\"prolonged-ischemic-compression\",\"releases\":3,\"secondsEach\":60,\"pressure\":\"moderate\",\"discomfort\":6|7|5"
  "d001/2|a001|neck-posterior|upper-trapezius|upper-trapezius-right|\"kind\":\"alternating-ischemic-compression\",\"cycles\":4,\"holdSeconds\":10,\"pressure\":\"firm\",\"discomfort\":5|3|2"
  "d013/2|a002|upper-trapezius-left|upper-trapezius|upper-trapezius-left|\"kind\":\"alternating-ischemic-compression\",\"cycles\":4,\"holdSeconds\":10,\"pressure\":\"firm\",\"discomfort\":5|4|2"
  "d015/2|a003|calf-right|gastrocnemius|calf-right|\"kind\":\"muscle-stripping\",\"strokes\":6,\"direction\":\"origin-to-insertion\",\"pressure\":\"moderate\",\"discomfort\":4|3|1"
)
signed=0
for entry in "${NOTES[@]}"; do
  IFS='|' read -r visit number pain_region muscle region technique before after <<<"$entry"
  suffix=${visit%/*}
  [[ $visit == */2 ]] && note="0194f3a0-0000-7000-8000-0000f002$suffix" || note="0194f3a0-0000-7000-8000-0000f000$suffix"
  # Each client is seen by one of the location's two therapists (by the parity of the client's number).
  therapist="0194f3a0-0000-7000-8000-0000000b${number#a}$(((10#${suffix:1} % 2) + 1))"
  body="{\"sessionId\":\"$note\",\"clientId\":\"0194f3a0-0000-7000-8000-00000000$suffix\",\"locationId\":\"0194f3a0-0000-7000-8000-00000000$number\",\"therapistId\":\"$therapist\"}"
  # Treatment records learns of a client's screening from intake's events, and of the therapists'
  # hours from scheduling's, a moment after they happen.
  for attempt in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
    code=$(api POST /api/treatments/sessions "$body")
    [[ $code == 409 ]] && grep -q 'screening-unknown' "$RESPONSE" && { sleep 0.5; continue; }
    [[ $code == 400 ]] && grep -q '"therapistId"' "$RESPONSE" && { sleep 0.5; continue; }
    break
  done
  case $code in
    201) ;;
    409) grep -q 'already open' "$RESPONSE" && continue
         die "opening a demo session note failed with HTTP $code: $(cat "$RESPONSE")" ;;
    *) die "opening a demo session note failed with HTTP $code: $(cat "$RESPONSE")" ;;
  esac
  version=1
  for step in \
    "PUT|subjective|{\"chiefComplaint\":\"Pain in the $pain_region\",\"painBefore\":$before,\"painRegions\":[\"$pain_region\"]}" \
    "PUT|objective|{\"posture\":\"Guarded\",\"triggerPoints\":[{\"muscle\":\"$muscle\",\"region\":\"$region\",\"kind\":\"active\",\"referralRegions\":[\"$pain_region\"]}]}" \
    "PUT|treatment|{\"techniques\":[{\"region\":\"$region\",\"muscle\":\"$muscle\",$technique}]}" \
    "PUT|assessment|{\"assessment\":\"Referral pattern reproduced and eased\",\"plan\":\"Weekly for four weeks\",\"painAfter\":$after,\"homeCare\":\"Heat and gentle stretching\"}" \
    "POST|signature|{}"; do
    IFS='|' read -r method part json <<<"$step"
    code=$(api "$method" "/api/treatments/sessions/$note/$part" "$json" "$version")
    [[ $code == 200 ]] || die "writing the $part of a demo session note failed with HTTP $code: $(cat "$RESPONSE")"
    version=$((version + 1))
  done
  signed=$((signed + 1))
done
log "session notes: $signed opened and signed (the client needing clearance and the contraindicated one cannot be treated)"

# --- check-ins: today's first appointment at each location, so its session note is open --------------
checked=0
for number in a001 a002 a003; do
  slot_id=$(for slot in 1 2 3 4; do echo "0194f3a0-0000-7000-8000-0000e${number#a}0${slot}00"; done)
  for appointment in $slot_id; do
    code=$(api POST "/api/scheduling/appointments/$appointment/check-in" '{}')
    case $code in
      200) checked=$((checked + 1)); break ;;
      404) continue ;;
      409) grep -q 'CheckedIn\|already' "$RESPONSE" && break; continue ;;
      *) die "checking in a demo appointment failed with HTTP $code: $(cat "$RESPONSE")" ;;
    esac
  done
done
log "check-ins: $checked (today's first appointment at each location still ahead, if any)"

# --- online booking: Back Bay takes its 60- and 90-minute treatments online ------------------------
location=0194f3a0-0000-7000-8000-00000000a001
version=$(curl -sS -D - -o /dev/null -H "Authorization: Bearer $token" "$GATEWAY_URL/api/scheduling/locations/$location" | grep -i '^etag:' | tr -dc '0-9')
[[ -n $version ]] || die "reading Back Bay's version failed"
code=$(api PUT "/api/scheduling/locations/$location/online-booking" \
  '{"open":true,"serviceCodes":["NMT-60","NMT-90"],"bookAheadDays":60,"minimumNoticeHours":12,"newClients":true,"cancellationNoticeHours":24}' "$version")
[[ $code == 200 ]] || die "opening online booking at Back Bay failed with HTTP $code: $(cat "$RESPONSE")"
log "online booking: Back Bay takes NMT-60 and NMT-90 online"

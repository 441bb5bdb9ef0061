#!/usr/bin/env bash
# The benchmark: starts the system (start.sh, with the gateway's rate limits raised so that the
# figures measure the system and not the limiter), measures `pgbench -N` on the same PostgreSQL as
# the hardware's reference, then runs its parts and writes .run/bench/results.md and results.json:
#
#   bookings       booking load over loopback through the gateway and direct to scheduling at several
#                  concurrency levels, and the projection lag of a booking into outcome reporting;
#   clinic-day     a clinic-day mix (availability, bookings, check-ins, session notes, dashboards) at
#                  the same levels, and the projection lag of a signed note;
#   dashboards     the dashboards timed with 100k and 1M events of history in outcome reporting's store
#                  (appended straight to its event store; the running projections take them in);
#   notifications  reminders planned by the notifications service from a backlog of AppointmentBooked
#                  events published on scheduling's exchange with scheduling's broker account (the
#                  clients and the location learnt first from intake's and scheduling's events; the
#                  bookings a year ahead and two days old, so reminders are planned and nothing is
#                  sent; the clients then withdraw their consent at intake, so none can ever go), and
#                  the confirmations of bookings made through scheduling sent through smtp4dev and
#                  Kannel; planning and sending rates, the notifications process's CPU per 1,000
#                  (/proc/<pid>/stat) and its peak memory;
#
# and records each process's peak memory.
#
#   deploy/local/bench.sh
#   NMT_BENCH_PARTS=notifications deploy/local/bench.sh      # one part alone
#
# Environment: NMT_BENCH_PARTS (the parts to run, comma-separated, default
# bookings,clinic-day,dashboards,notifications), NMT_BENCH_REQUESTS (bookings per cell, default 400),
# NMT_BENCH_CONCURRENCY (default 1,8,32), NMT_BENCH_DAY_REQUESTS (clinic-day requests per cell,
# default 400), NMT_BENCH_LAG_SAMPLES (default 40), NMT_BENCH_HISTORY (events in outcome reporting's
# store to time the dashboards at, default 100000,1000000), NMT_BENCH_REMINDERS (reminders to plan,
# two per booking, default 100000), NMT_BENCH_SENDS (messages to send, an email and a text per booking,
# default 2000), NMT_BENCH_DELIVERY_WAIT_SECONDS (how long to wait for the texts' next delivery report,
# default 60), NMT_BENCH_TIME_LIMIT_SECONDS (default 2400; for the notifications part, the longest
# wait for each step).
# Like the bench clinics, the history and the notifications part's locations, clients, bookings and
# messages stay in the local databases (every run makes new clinics and clients; the history is
# twenty other locations, the past two years, and a later run adds only what is missing to reach
# each size). Every service takes in the notifications part's published bookings, as it would
# scheduling's: outcome reporting stores them too (50,000 events a run, bookings more than a year
# ahead at that run's location), and the dashboards part counts them toward its history sizes.
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$SCRIPT_DIR/../.." && pwd)
export NMT_LOG_PREFIX=bench
# shellcheck source=deploy/local/lib.sh
. "$SCRIPT_DIR/lib.sh"

# The parts are checked before the system is started (the load generator checks them again).
for part in ${NMT_BENCH_PARTS:+${NMT_BENCH_PARTS//,/ }}; do
  case $part in
    bookings | clinic-day | dashboards | notifications) ;;
    *) die "NMT_BENCH_PARTS: unknown part '$part' (bookings, clinic-day, dashboards, notifications)" ;;
  esac
done

NMT_RATE_LIMIT_PER_USER=100000000 NMT_RATE_LIMIT_PER_ADDRESS=100000000 "$SCRIPT_DIR/start.sh" >/dev/null
log "system started (rate limits raised for the benchmark)"

# pgbench -N (no branch/teller updates) on a scratch database of the same server: the reference.
runuser -u postgres -- psql -qc "DROP DATABASE IF EXISTS nmt_bench_pgbench" -c "CREATE DATABASE nmt_bench_pgbench" >/dev/null
runuser -u postgres -- pgbench -q -i -s 10 nmt_bench_pgbench >/dev/null 2>&1
tps=$(runuser -u postgres -- pgbench -N -c 8 -j 2 -T 15 nmt_bench_pgbench 2>/dev/null | awk '/^tps = / { print $3; exit }')
runuser -u postgres -- psql -qc "DROP DATABASE IF EXISTS nmt_bench_pgbench" >/dev/null
log "pgbench -N: ${tps:-?} tps"

run_logged "$REPO_ROOT/.run/logs/bench-build.log" "building the load generator" \
  dotnet build "$REPO_ROOT/tests/NmtPractice.Benchmark/NmtPractice.Benchmark.csproj" -c Release -nologo

# shellcheck disable=SC1091
. "$REPO_ROOT/.run/demo.env"
# shellcheck disable=SC1091
. "$REPO_ROOT/.run/local.env"
# The notifications part reads the notifications service's own database and publishes bookings with
# scheduling's broker account, as scheduling's publisher does.
NMT_DEMO_SEEDER_SECRET=$NMT_DEMO_SEEDER_SECRET \
  NMT_BENCH_OUTCOMES_DB="$NMT_OUTCOME_REPORTING_DB" \
  NMT_BENCH_NOTIFICATIONS_DB="$NMT_NOTIFICATIONS_DB" \
  NMT_BENCH_SCHEDULING_BROKER="$NMT_RABBITMQ_URI_SCHEDULING" \
  NMT_BENCH_PGBENCH_TPS="${tps:-}" \
  NMT_BENCH_PIDS="$REPO_ROOT/.run/pids" \
  NMT_BENCH_OUT="$REPO_ROOT/.run/bench" \
  dotnet "$REPO_ROOT/tests/NmtPractice.Benchmark/bin/Release/net10.0/NmtPractice.Benchmark.dll"
log "results: .run/bench/results.md and .run/bench/results.json ($SECONDS s in all, the start included)"

#!/usr/bin/env bash
# Runs the whole NmtPractice test suite on this machine: installs and starts what the tests need
# (PostgreSQL, RabbitMQ, docker-compose for validating the compose file, Chromium and axe-core for
# the browser tests, ical.js for reading the calendar feed back), installs the mail and SMS servers
# the notifications tests start for themselves (smtp4dev, a repository tool, and Kannel from the
# Debian packages; not started here), builds the solution with warnings as errors, and runs every
# test project against the real servers. CI runs exactly this.
#
#   deploy/local/test.sh [extra dotnet test options]
#
# Environment: NMT_CONFIGURATION (default Release), NMT_TEST_TIMEOUT (default 25m).
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$SCRIPT_DIR/../.." && pwd)
export NMT_LOG_PREFIX=test
# shellcheck source=deploy/local/lib.sh
. "$SCRIPT_DIR/lib.sh"

CONFIGURATION=${NMT_CONFIGURATION:-Release}
TIMEOUT=${NMT_TEST_TIMEOUT:-25m}
RESULTS="$REPO_ROOT/.run/test-results"
started=$(date +%s)

have dotnet || die "the .NET SDK 10 is required (dotnet on PATH): https://dot.net"

"$SCRIPT_DIR/infra.sh" up
# The notifications tests run an smtp4dev and a Kannel (bearerbox, smsbox, fakesmsc) of their own per
# fixture: only installed here (Kannel with service starts blocked, smtp4dev by dotnet tool restore).
"$SCRIPT_DIR/messaging.sh" install

if ! have docker-compose; then
  run_logged "$REPO_ROOT/.run/logs/apt.log" "installing docker-compose (validates docker-compose.yml offline)" \
    env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends docker-compose
fi

# The browser tests drive Debian's Chromium with Playwright (never Playwright's own browser download).
if [[ ! -x /usr/bin/chromium ]]; then
  run_logged "$REPO_ROOT/.run/logs/apt.log" "installing Chromium (for the browser tests)" \
    bash -c 'apt-get -q update && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium'
fi

# Two npm packages, each pinned in its package-lock.json: axe-core, which the browser tests inject
# into the page, and ical.js, which the scheduling tests read the therapist feed back with.
if ! have npm; then
  run_logged "$REPO_ROOT/.run/logs/apt.log" "installing Node.js and npm (for axe-core and ical.js)" \
    bash -c 'apt-get -q update && DEBIAN_FRONTEND=noninteractive apt-get install -y -q nodejs npm'
fi
run_logged "$REPO_ROOT/.run/logs/npm.log" "installing the browser tests' npm packages (axe-core)" \
  npm ci --prefix "$REPO_ROOT/tests/NmtPractice.EndToEnd.Tests/Browser" --no-audit --no-fund
run_logged "$REPO_ROOT/.run/logs/npm.log" "installing the scheduling tests' npm packages (ical.js)" \
  npm ci --prefix "$REPO_ROOT/tests/NmtPractice.Scheduling.Tests/IcsReader" --no-audit --no-fund

# Test fixtures create throw-away databases (nmt_test_*), virtual hosts and users (nmt-test-*) and remove
# them; a run that was killed leaves some behind, so clear them first.
log "removing leftovers of earlier test runs"
runuser -u postgres -- psql -qAt -c \
  "select format('DROP DATABASE IF EXISTS %I WITH (FORCE);', datname) from pg_database where datname like 'nmt\_test\_%'" \
  | runuser -u postgres -- psql -q >/dev/null
for vhost in $(rabbitmqctl -q list_vhosts 2>/dev/null | grep '^nmt-test-' || true); do
  rabbitmqctl -q delete_vhost "$vhost" >/dev/null
done
# ... and the broker users they gave each service (nmt-test-user-*, nmt-test-compose-*).
for user in $(rabbitmqctl -q list_users 2>/dev/null | awk '{print $1}' | grep '^nmt-test-' || true); do
  rabbitmqctl -q delete_user "$user" >/dev/null
done

# The fault tests run a PostgreSQL cluster and a RabbitMQ node of their own (/tmp/nmt-test-private-*);
# a killed run leaves them running.
for dir in /tmp/nmt-test-private-*; do
  [[ -d $dir ]] || continue
  [[ -d $dir/postgres/data ]] && runuser -u postgres -- "$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)/pg_ctl" -D "$dir/postgres/data" -m immediate stop >/dev/null 2>&1 || true
  pkill -u rabbitmq -f -- "$dir/rabbitmq" 2>/dev/null || true
  for pidfile in "$dir"/rabbitmq/mnesia/*.pid; do
    [[ -f $pidfile ]] && kill -KILL "$(cat "$pidfile")" 2>/dev/null || true
  done
  rm -rf "$dir"
done
# The notifications tests' mail and SMS servers (their files under /tmp/nmt-test-messaging-*); a killed
# run leaves them running. Found by that directory in their command line, working directory or input
# (fakesmsc reads a FIFO there).
for pid in $(pgrep -f -- 'bearerbox|smsbox|fakesmsc|smtp4dev|Smtp4dev' 2>/dev/null || true); do
  where="$(ps -o args= -p "$pid" 2>/dev/null) $(readlink "/proc/$pid/cwd" 2>/dev/null) $(readlink "/proc/$pid/fd/0" 2>/dev/null)"
  [[ $where == */tmp/nmt-test-* ]] || continue
  kill -KILL "$pid" 2>/dev/null || true
done
rm -rf /tmp/nmt-test-messaging-*

clear_stale_packages
run_logged "$REPO_ROOT/.run/logs/test-build.log" "building the solution ($CONFIGURATION, warnings as errors, packages as locked)" \
  dotnet build "$REPO_ROOT/NmtPractice.sln" -c "$CONFIGURATION" -nologo -p:RestoreLockedMode=true

log "running the tests (results: .run/test-results)"
rm -rf "$RESULTS"
status=0
dotnet test --solution "$REPO_ROOT/NmtPractice.sln" -c "$CONFIGURATION" --no-build \
  --results-directory "$RESULTS" --timeout "$TIMEOUT" "$@" || status=$?

log "finished in $(($(date +%s) - started)) s with exit code $status"
exit "$status"

#!/usr/bin/env bash
# Local infrastructure for NmtPractice: PostgreSQL + RabbitMQ on loopback,
# installed from Debian packages and run without systemd or Docker.
#
#   deploy/local/infra.sh up                 install/configure/start/provision (idempotent)
#   deploy/local/infra.sh down               stop RabbitMQ and PostgreSQL
#   deploy/local/infra.sh status             exit 0 only if both are ready
#   deploy/local/infra.sh restart-postgres   stop + start PostgreSQL, wait until ready
#   deploy/local/infra.sh restart-rabbitmq   stop + start RabbitMQ, wait until ready
#   deploy/local/infra.sh psql <service>     psql as the owner of that service's database
#
# Connection settings and generated passwords go to <repo>/.run/local.env
# (mode 600, git-ignored). A copy is kept in $NMT_INFRA_STATE_DIR so that every
# clone of the repository on this machine reuses the same passwords instead of
# resetting them under each other's feet.
#
# Environment: NMT_INFRA_TIMEOUT (seconds to wait for readiness, default 60),
# NMT_INFRA_STATE_DIR (default /var/lib/nmt-practice-infra). Needs root.
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$SCRIPT_DIR/../.." && pwd)
# shellcheck source=deploy/local/lib.sh
. "$SCRIPT_DIR/lib.sh"

export PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:${PATH:-}"
export LC_ALL=C

RUN_DIR="$REPO_ROOT/.run"
LOG_DIR="$RUN_DIR/logs"
ENV_FILE="$RUN_DIR/local.env"
STATE_DIR="${NMT_INFRA_STATE_DIR:-/var/lib/nmt-practice-infra}"
STATE_ENV_FILE="$STATE_DIR/local.env"
TIMEOUT="${NMT_INFRA_TIMEOUT:-60}"

HOST=127.0.0.1
AMQP_PORT=5672
MGMT_PORT=15672
MGMT_URL="http://$HOST:$MGMT_PORT"
PG_MAX_CONNECTIONS=300

# service name -> role, database and env key are derived from it
SERVICES=(scheduling intake treatment_records outcome_reporting notifications gateway)
RMQ_VHOST=nmt
# Until services had users of their own they shared this one, with every permission: it is removed.
RMQ_LEGACY_APP_USER=nmt
# One broker user per service (nmt-<service>), allowed what deploy/broker/service-permissions.tsv says.
BROKER_PERMISSIONS="$REPO_ROOT/deploy/broker/service-permissions.tsv"
mapfile -t BROKER_SERVICES < <(awk -F'\t' '!/^#/ && NF == 4 { print $1 }' "$BROKER_PERMISSIONS")
RMQ_TEST_USER=nmt_test
PG_TEST_ROLE=nmt_test

RMQ_CONF=/etc/rabbitmq/rabbitmq.conf
RMQ_ENV_CONF=/etc/rabbitmq/rabbitmq-env.conf
RMQ_PLUGINS_FILE=/etc/rabbitmq/enabled_plugins
RMQ_HOME=/var/lib/rabbitmq
RMQ_LOG_DIR=/var/log/rabbitmq

role_of()    { printf 'nmt_%s' "$1"; }
rmq_user_of()    { printf 'nmt-%s' "$1"; }                       # broker user of a service (treatment-records)
rmq_secret_of()  { local s=${1//-/_}; printf 'rmq_%s' "$s"; }    # its key in PW
rmq_env_key_of() { local s=${1//-/_}; printf 'NMT_RABBITMQ_URI_%s' "${s^^}"; }
env_key_of() { local s=$1; printf 'NMT_%s_DB' "${s^^}"; }

# =============================================================================
# Packages
# =============================================================================

# apt_install (lib.sh) installs with service starts blocked; the policy it writes meanwhile is
# restored however this script ends.
trap restore_service_starts EXIT

ensure_packages() {
  local need=()
  have pg_ctlcluster || need+=(postgresql)
  have rabbitmq-server || need+=(rabbitmq-server)
  have curl || need+=(curl)
  have pgrep || need+=(procps)
  have openssl || need+=(openssl)
  ((${#need[@]})) || return 0

  local had_rabbit=0
  have rabbitmq-server && had_rabbit=1
  apt_install "${need[@]}"

  if ((!had_rabbit)) && [[ -n $(rabbit_beam_pids) ]]; then
    # The package was not supposed to start a broker (policy-rc.d), but if one
    # slipped through it runs with the default, non-loopback configuration.
    warn "the rabbitmq-server package started a broker; stopping it to start it configured"
    rabbit_stop
  fi
}

# =============================================================================
# PostgreSQL
# =============================================================================

PG_VER="" PG_CLUSTER="" PG_PORT="" PG_LOG=""

pg_installed_versions() {
  local d
  for d in /usr/lib/postgresql/*/bin/postgres; do
    [[ -x $d ]] && basename "$(dirname "$(dirname "$d")")"
  done | sort -V
}

# Picks the cluster named "main" of the newest version (any cluster if there
# is no "main"). Returns 1 if there is no cluster at all.
pg_detect() {
  have pg_lsclusters || return 1
  local line
  line=$(pg_lsclusters -h 2>/dev/null | awk '$2 == "main"' | sort -k1,1V | tail -n 1)
  [[ -n $line ]] || line=$(pg_lsclusters -h 2>/dev/null | sort -k1,1V | tail -n 1)
  [[ -n $line ]] || return 1
  local _status _owner _datadir
  read -r PG_VER PG_CLUSTER PG_PORT _status _owner _datadir PG_LOG <<<"$line"
}

pg_ensure_cluster() {
  pg_detect && return 0
  local ver
  ver=$(pg_installed_versions | tail -n 1)
  [[ -n $ver ]] || die "PostgreSQL server binaries not found under /usr/lib/postgresql"
  run_logged "$LOG_DIR/postgres.log" "creating PostgreSQL $ver cluster 'main'" pg_createcluster "$ver" main
  pg_detect || die "pg_createcluster did not create a cluster"
}

pg_running() { pg_ctlcluster "$PG_VER" "$PG_CLUSTER" status >/dev/null 2>&1; }
pg_ready()   { pg_isready -q -h "$HOST" -p "$PG_PORT"; }

# psql as the postgres superuser over the Unix socket (peer authentication).
pg_admin_psql() {
  (cd / && runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -p "$PG_PORT" "$@")
}

pg_configure() {
  local conf_dir="/etc/postgresql/$PG_VER/$PG_CLUSTER"
  local settings
  settings=$(printf "%s\n" \
    "# Managed by NmtPractice deploy/local/infra.sh: loopback only, many test hosts." \
    "listen_addresses = '$HOST'" \
    "max_connections = $PG_MAX_CONNECTIONS")
  if grep -qE "^[[:space:]]*include_dir[[:space:]]*=[[:space:]]*'conf\.d'" "$conf_dir/postgresql.conf"; then
    local file="$conf_dir/conf.d/90-nmt-local.conf"
    mkdir -p "$conf_dir/conf.d"
    if [[ ! -f $file || $(cat "$file") != "$settings" ]]; then
      printf '%s\n' "$settings" >"$file"
      chown postgres:postgres "$file"
      chmod 644 "$file"
      log "wrote $file"
    fi
  else
    pg_conftool "$PG_VER" "$PG_CLUSTER" set listen_addresses "$HOST"
    pg_conftool "$PG_VER" "$PG_CLUSTER" set max_connections "$PG_MAX_CONNECTIONS"
  fi
}

pg_fail() {
  printf '[infra] ERROR: %s\n' "$1" >&2
  show_tail 30 "$PG_LOG" "$LOG_DIR/postgres.log"
  exit 1
}

pg_start() {
  log "starting PostgreSQL $PG_VER/$PG_CLUSTER"
  printf '\n==== %s: pg_ctlcluster %s %s start\n' "$(date -Is)" "$PG_VER" "$PG_CLUSTER" >>"$LOG_DIR/postgres.log"
  pg_ctlcluster "$PG_VER" "$PG_CLUSTER" start >>"$LOG_DIR/postgres.log" 2>&1 \
    || pg_fail "pg_ctlcluster $PG_VER $PG_CLUSTER start failed"
}

pg_stop() {
  if pg_running; then
    log "stopping PostgreSQL $PG_VER/$PG_CLUSTER"
    pg_ctlcluster "$PG_VER" "$PG_CLUSTER" stop >>"$LOG_DIR/postgres.log" 2>&1 \
      || pg_fail "pg_ctlcluster $PG_VER $PG_CLUSTER stop failed"
  else
    log "PostgreSQL $PG_VER/$PG_CLUSTER already stopped"
  fi
}

pg_wait_ready() {
  wait_for "$TIMEOUT" 0.5 pg_ready \
    || pg_fail "PostgreSQL did not accept connections on $HOST:$PG_PORT within ${TIMEOUT}s"
}

pg_up() {
  pg_ensure_cluster
  pg_configure
  if pg_running; then
    local current
    current=$(pg_admin_psql -At -c "SELECT current_setting('listen_addresses') || '|' || current_setting('max_connections')")
    if [[ $current != "$HOST|$PG_MAX_CONNECTIONS" ]]; then
      log "PostgreSQL settings changed ($current -> $HOST|$PG_MAX_CONNECTIONS); restarting"
      pg_stop
      pg_start
    fi
  else
    pg_start
  fi
  pg_wait_ready
}

pg_provision() {
  log "provisioning PostgreSQL roles and databases"
  local sql="" svc role
  local all_roles
  all_roles=$(for svc in "${SERVICES[@]}"; do printf "'%s'," "$(role_of "$svc")"; done)
  sql+="SELECT format('CREATE ROLE %I', r) FROM unnest(ARRAY[${all_roles}'$PG_TEST_ROLE']) AS r
        WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) \\gexec
"
  for svc in "${SERVICES[@]}"; do
    role=$(role_of "$svc")
    sql+="\\set pw '${PW[$role]}'
ALTER ROLE $role WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD :'pw';
SELECT 'CREATE DATABASE $role OWNER $role' WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = '$role') \\gexec
ALTER DATABASE $role OWNER TO $role;
REVOKE ALL ON DATABASE $role FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE $role TO $role;
"
  done
  sql+="\\set pw '${PW[pg_test]}'
ALTER ROLE $PG_TEST_ROLE WITH LOGIN CREATEDB NOSUPERUSER NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD :'pw';
\\unset pw
"
  pg_admin_psql -d postgres <<<"$sql" || pg_fail "provisioning PostgreSQL failed"
}

# =============================================================================
# RabbitMQ
# =============================================================================

rabbit_installed() { have rabbitmq-server && have rabbitmqctl; }
rabbit_beam_pids() { pgrep -u rabbitmq -x beam.smp 2>/dev/null || true; }
rabbit_ping()      { timeout 30 rabbitmqctl -q ping >/dev/null 2>&1; }
rabbit_nodename() {
  local n
  n=$(sed -nE 's/^[[:space:]]*(export[[:space:]]+)?(RABBITMQ_)?NODENAME=["'\'']?([^"'\'' ]+).*/\3/p' "$RMQ_ENV_CONF" 2>/dev/null | tail -n 1)
  printf '%s' "${n:-rabbit@$(hostname -s)}"
}

# HTTP status of the management API (401 means it is up but wants credentials).
rabbit_mgmt_code() {
  curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$MGMT_URL/api/overview" || true
}
rabbit_mgmt_up() { [[ $(rabbit_mgmt_code) =~ ^(200|401)$ ]]; }

rabbit_plugin_enabled() {
  [[ -f $RMQ_PLUGINS_FILE ]] && grep -qE '(^|[[,[:space:]])rabbitmq_management([],.[:space:]]|$)' "$RMQ_PLUGINS_FILE"
}

rabbit_confhash() { cat "$RMQ_CONF" "$RMQ_ENV_CONF" 2>/dev/null | sha256sum | cut -d' ' -f1; }

rabbit_configure() {
  mkdir -p /etc/rabbitmq
  [[ -f $RMQ_CONF ]] || install -m 644 /dev/null "$RMQ_CONF"
  [[ -f $RMQ_ENV_CONF ]] || install -m 644 -o rabbitmq -g rabbitmq /dev/null "$RMQ_ENV_CONF"
  local changed=0
  conf_set "$RMQ_CONF" listeners.tcp.default "$HOST:$AMQP_PORT" && changed=1
  conf_set "$RMQ_CONF" management.tcp.ip "$HOST" && changed=1
  conf_set "$RMQ_CONF" management.tcp.port "$MGMT_PORT" && changed=1
  # Node name independent of the machine's hostname; Erlang distribution and
  # epmd on loopback as well (not only AMQP and HTTP).
  if ! grep -qE '^[[:space:]]*(export[[:space:]]+)?(RABBITMQ_)?NODENAME=' "$RMQ_ENV_CONF"; then
    conf_set "$RMQ_ENV_CONF" NODENAME rabbit@localhost = && changed=1
  fi
  conf_set "$RMQ_ENV_CONF" ERL_EPMD_ADDRESS "$HOST" = && changed=1
  conf_set "$RMQ_ENV_CONF" SERVER_ADDITIONAL_ERL_ARGS '"-kernel inet_dist_use_interface {127,0,0,1}"' = && changed=1
  conf_set "$RMQ_ENV_CONF" CTL_ERL_ARGS '"-kernel inet_dist_use_interface {127,0,0,1}"' = && changed=1
  ((changed)) && log "updated $RMQ_CONF / $RMQ_ENV_CONF"
  return 0
}

# The Debian wrappers run rabbitmqctl as the rabbitmq user, but
# rabbitmq-diagnostics/-queues and direct calls of /usr/lib/rabbitmq/bin/*
# run as root and read /root/.erlang.cookie: keep both cookies identical.
rabbit_ensure_cookie() {
  local cookie="$RMQ_HOME/.erlang.cookie" root_home root_cookie
  if [[ ! -s $cookie ]]; then
    (umask 077 && random_secret >"$cookie")
    log "generated a new Erlang cookie"
  fi
  chown rabbitmq:rabbitmq "$cookie"
  chmod 400 "$cookie"
  root_home=$(getent passwd root | cut -d: -f6)
  root_cookie="${root_home:-/root}/.erlang.cookie"
  if ! cmp -s "$cookie" "$root_cookie"; then
    install -m 400 -o root -g root "$cookie" "$root_cookie"
    log "copied the rabbitmq Erlang cookie to $root_cookie"
  fi
}

rabbit_fail() {
  printf '[infra] ERROR: %s\n' "$1" >&2
  local f logs=()
  for f in "$RMQ_LOG_DIR"/startup_err "$RMQ_LOG_DIR"/startup_log "$RMQ_LOG_DIR"/rabbit@*.log "$LOG_DIR/rabbitmq.log"; do
    [[ -f $f && ! $f =~ _upgrade\.log$ ]] && logs+=("$f")
  done
  show_tail 30 "${logs[@]}"
  exit 1
}

rabbit_start() {
  rabbit_ensure_cookie
  if ! rabbit_plugin_enabled; then
    run_logged "$LOG_DIR/rabbitmq.log" "enabling rabbitmq_management (offline)" \
      rabbitmq-plugins enable --offline rabbitmq_management
  fi
  log "starting RabbitMQ"
  printf '\n==== %s: rabbitmq-server -detached\n' "$(date -Is)" >>"$LOG_DIR/rabbitmq.log"
  (cd "$RMQ_HOME" && runuser -u rabbitmq -- /usr/sbin/rabbitmq-server -detached) >>"$LOG_DIR/rabbitmq.log" 2>&1 \
    || rabbit_fail "rabbitmq-server -detached failed"
  rabbit_confhash >"$STATE_DIR/rabbitmq.confhash"
}

rabbit_stop() {
  if rabbit_ping; then
    log "stopping RabbitMQ"
    timeout 120 rabbitmqctl -q shutdown >>"$LOG_DIR/rabbitmq.log" 2>&1 || warn "rabbitmqctl shutdown failed"
  fi
  # A broker that does not answer (wrong cookie, half started) is still ours.
  local pids deadline=$((SECONDS + 20))
  pids=$(rabbit_beam_pids)
  if [[ -n $pids ]]; then
    warn "RabbitMQ process(es) ${pids//$'\n'/ } did not answer rabbitmqctl; terminating them"
    # shellcheck disable=SC2086
    kill -TERM $pids 2>/dev/null || true
    while [[ -n $(rabbit_beam_pids) ]] && ((SECONDS < deadline)); do sleep 0.5; done
    pids=$(rabbit_beam_pids)
    # shellcheck disable=SC2086
    [[ -z $pids ]] || kill -KILL $pids 2>/dev/null || true
  fi
}

rabbit_wait_ready() {
  local deadline=$((SECONDS + TIMEOUT))
  wait_for "$TIMEOUT" 1 rabbit_ping || rabbit_fail "RabbitMQ node did not come up within ${TIMEOUT}s"
  local left=$((deadline - SECONDS))
  ((left > 5)) || left=5
  timeout $((left + 10)) rabbitmqctl -q await_startup --timeout "$left" >>"$LOG_DIR/rabbitmq.log" 2>&1 \
    || rabbit_fail "RabbitMQ did not finish booting (await_startup)"
  left=$((deadline - SECONDS))
  ((left > 5)) || left=5
  wait_for "$left" 0.5 rabbit_mgmt_up || rabbit_fail "RabbitMQ management API did not answer on $MGMT_URL"
}

rabbit_up() {
  rabbit_configure
  rabbit_ensure_cookie
  if rabbit_ping; then
    if [[ $(cat "$STATE_DIR/rabbitmq.confhash" 2>/dev/null) != "$(rabbit_confhash)" ]]; then
      log "RabbitMQ configuration changed since it was started; restarting"
      rabbit_stop
      rabbit_start
    elif ! rabbit_plugin_enabled; then
      run_logged "$LOG_DIR/rabbitmq.log" "enabling rabbitmq_management" rabbitmq-plugins enable rabbitmq_management
    fi
  else
    [[ -z $(rabbit_beam_pids) ]] || rabbit_stop
    rabbit_start
  fi
  rabbit_wait_ready
}

rabbit_test_user_ok() {
  rabbit_api "$RMQ_TEST_USER" "$1" GET /api/whoami
  [[ $API_CODE == 200 && $API_BODY == *administrator* ]]
}

# rabbit_api USER PASSWORD METHOD PATH [JSON] -> sets API_CODE and API_BODY
API_CODE="" API_BODY=""
rabbit_api() {
  local user=$1 pw=$2 method=$3 path=$4 json=${5:-} out
  out=$(mktemp)
  # Credentials and body (which may hold a password) never go on the command line.
  local data=()
  [[ -n $json ]] && data=(--data-binary @-)
  API_CODE=$(printf '%s' "$json" | curl -s -o "$out" -w '%{http_code}' --max-time 15 -X "$method" \
    -K <(printf 'user = "%s:%s"\n' "$user" "$pw") \
    -H 'content-type: application/json' "${data[@]}" \
    "$MGMT_URL$path") || API_CODE=000
  API_BODY=$(cat "$out")
  rm -f "$out"
}

rabbit_api_ok() { # like rabbit_api but fails loudly on a non-2xx answer
  rabbit_api "$@"
  [[ $API_CODE == 2* ]] || die "RabbitMQ management API $3 $4 answered HTTP $API_CODE: $API_BODY"
}

rabbit_provision() {
  log "provisioning RabbitMQ vhost and users"
  local test_pw=${PW[rmq_test]}
  # Bootstrap the admin user with rabbitmqctl only when the API refuses it.
  if ! rabbit_test_user_ok "$test_pw"; then
    log "bootstrapping RabbitMQ user $RMQ_TEST_USER with rabbitmqctl"
    if timeout 60 rabbitmqctl -q list_users 2>/dev/null | awk '{print $1}' | grep -qx "$RMQ_TEST_USER"; then
      timeout 60 rabbitmqctl -q change_password "$RMQ_TEST_USER" <<<"$test_pw" >/dev/null \
        || die "rabbitmqctl change_password $RMQ_TEST_USER failed"
    else
      timeout 60 rabbitmqctl -q add_user "$RMQ_TEST_USER" <<<"$test_pw" >/dev/null \
        || die "rabbitmqctl add_user $RMQ_TEST_USER failed"
    fi
    timeout 60 rabbitmqctl -q set_user_tags "$RMQ_TEST_USER" administrator >/dev/null \
      || die "rabbitmqctl set_user_tags $RMQ_TEST_USER failed"
    wait_for 10 0.5 rabbit_test_user_ok "$test_pw" \
      || die "the management API does not accept $RMQ_TEST_USER after creating it"
  fi

  local as=("$RMQ_TEST_USER" "$test_pw")
  # The broker's default administrator, guest, would let any local process read every user and
  # publish forged screening or signature events: it goes.
  rabbit_api "${as[@]}" DELETE /api/users/guest
  [[ $API_CODE == 204 || $API_CODE == 404 ]] || die "could not remove the RabbitMQ guest user (HTTP $API_CODE): $API_BODY"
  rabbit_api_ok "${as[@]}" PUT "/api/vhosts/$RMQ_VHOST" '{}'
  rabbit_api "${as[@]}" DELETE "/api/users/$RMQ_LEGACY_APP_USER"
  [[ $API_CODE == 204 || $API_CODE == 404 ]] || die "could not remove the shared RabbitMQ user $RMQ_LEGACY_APP_USER (HTTP $API_CODE): $API_BODY"
  # Each service's user gets its patterns on the nmt vhost and nothing anywhere else.
  local service configure write read user vhost
  while IFS=$'\t' read -r service configure write read; do
    [[ -z $service || $service == \#* ]] && continue
    user=$(rmq_user_of "$service")
    rabbit_api_ok "${as[@]}" PUT "/api/users/$user" "{\"password\":\"${PW[$(rmq_secret_of "$service")]}\",\"tags\":\"\"}"
    rabbit_api_ok "${as[@]}" PUT "/api/permissions/$RMQ_VHOST/$user" \
      "{\"configure\":\"$(json_escape "$configure")\",\"write\":\"$(json_escape "$write")\",\"read\":\"$(json_escape "$read")\"}"
    rabbit_api_ok "${as[@]}" GET "/api/users/$user/permissions"
    while IFS= read -r vhost; do
      [[ -z $vhost || $vhost == "$RMQ_VHOST" ]] && continue
      log "removing permissions of $user on vhost $vhost"
      rabbit_api_ok "${as[@]}" DELETE "/api/permissions/$(printf '%s' "$vhost" | sed 's|/|%2F|g')/$user"
    done < <(grep -o '"vhost":"[^"]*"' <<<"$API_BODY" | cut -d'"' -f4)
  done <"$BROKER_PERMISSIONS"
  # Services once published every event to an exchange of the marker interface as well; nothing
  # consumed it, and it would take any service's events.
  rabbit_api "${as[@]}" DELETE "/api/exchanges/$RMQ_VHOST/NmtPractice.Contracts%3AIIntegrationEvent"
  [[ $API_CODE == 204 || $API_CODE == 404 ]] || die "could not remove the IIntegrationEvent exchange (HTTP $API_CODE): $API_BODY"
  rabbit_api_ok "${as[@]}" GET /api/overview
}

# =============================================================================
# Secrets and the env file
# =============================================================================

declare -A PW=()

# Reads passwords from one env file into PW (only keys not already set).
secrets_from_file() {
  local file=$1 svc role v
  [[ -r $file ]] || return 0
  for svc in "${SERVICES[@]}"; do
    role=$(role_of "$svc")
    v=$(conn_password "$(env_get "$file" "$(env_key_of "$svc")")")
    [[ -z ${PW[$role]:-} ]] && is_safe_secret "$v" && PW[$role]=$v
  done
  v=$(conn_password "$(env_get "$file" NMT_TEST_PG)")
  [[ -z ${PW[pg_test]:-} ]] && is_safe_secret "$v" && PW[pg_test]=$v
  for svc in "${BROKER_SERVICES[@]}"; do
    v=$(uri_password "$(env_get "$file" "$(rmq_env_key_of "$svc")")")
    [[ -z ${PW[$(rmq_secret_of "$svc")]:-} ]] && is_safe_secret "$v" && PW[$(rmq_secret_of "$svc")]=$v
  done
  v=$(env_get "$file" NMT_TEST_RABBITMQ_PASSWORD)
  [[ -z ${PW[rmq_test]:-} ]] && is_safe_secret "$v" && PW[rmq_test]=$v
  return 0
}

load_secrets() {
  # Machine-wide copy first: all clones on this machine share one set.
  secrets_from_file "$STATE_ENV_FILE"
  secrets_from_file "$ENV_FILE"
  local key generated=()
  for key in $(for s in "${SERVICES[@]}"; do role_of "$s"; echo; done) $(for s in "${BROKER_SERVICES[@]}"; do rmq_secret_of "$s"; echo; done) pg_test rmq_test; do
    if [[ -z ${PW[$key]:-} ]]; then
      PW[$key]=$(random_secret)
      generated+=("$key")
    fi
  done
  ((${#generated[@]} == 0)) || log "generated new passwords for: ${generated[*]}"
}

pg_conn() { # pg_conn DATABASE USER PASSWORD
  printf 'Host=%s;Port=%s;Database=%s;Username=%s;Password=%s' "$HOST" "$PG_PORT" "$1" "$2" "$3"
}

render_env() {
  local svc role
  echo "# NmtPractice local infrastructure, generated by deploy/local/infra.sh up."
  echo "# Contains passwords: keep it private (mode 600, git-ignored); load with: set -a; . $ENV_FILE; set +a"
  printf "NMT_PG_HOST='%s'\n" "$HOST"
  printf "NMT_PG_PORT='%s'\n" "$PG_PORT"
  for svc in "${SERVICES[@]}"; do
    role=$(role_of "$svc")
    printf "%s='%s'\n" "$(env_key_of "$svc")" "$(pg_conn "$role" "$role" "${PW[$role]}")"
  done
  for svc in "${BROKER_SERVICES[@]}"; do
    printf "%s='amqp://%s:%s@%s:%s/%s'\n" "$(rmq_env_key_of "$svc")" "$(rmq_user_of "$svc")" "${PW[$(rmq_secret_of "$svc")]}" "$HOST" "$AMQP_PORT" "$RMQ_VHOST"
  done
  printf "NMT_TEST_PG='%s'\n" "$(pg_conn postgres "$PG_TEST_ROLE" "${PW[pg_test]}")"
  printf "NMT_TEST_RABBITMQ_HOST='%s'\n" "$HOST"
  printf "NMT_TEST_RABBITMQ_PORT='%s'\n" "$AMQP_PORT"
  printf "NMT_TEST_RABBITMQ_MANAGEMENT='%s'\n" "$MGMT_URL"
  printf "NMT_TEST_RABBITMQ_USER='%s'\n" "$RMQ_TEST_USER"
  printf "NMT_TEST_RABBITMQ_PASSWORD='%s'\n" "${PW[rmq_test]}"
}

write_private_file() { # write_private_file PATH CONTENT (atomic, mode 600)
  local path=$1 content=$2 tmp
  mkdir -p "$(dirname "$path")"
  if [[ -f $path && $(cat "$path") == "$content" ]]; then
    chmod 600 "$path"
    return 0
  fi
  tmp=$(mktemp "$(dirname "$path")/.$(basename "$path").XXXXXX")
  printf '%s\n' "$content" >"$tmp"
  chmod 600 "$tmp"
  mv -f "$tmp" "$path"
  log "wrote $path"
}

write_env_files() {
  local content
  content=$(render_env)
  write_private_file "$STATE_ENV_FILE" "$content"
  write_private_file "$ENV_FILE" "$content"
}

# =============================================================================
# Subcommands
# =============================================================================

prepare_dirs() {
  mkdir -p "$LOG_DIR"
  chmod 700 "$RUN_DIR"
  mkdir -p "$STATE_DIR"
  chmod 700 "$STATE_DIR"
}

# One infra.sh at a time per machine (the services are machine-wide): re-run
# this script under flock. -o keeps the lock out of the daemons we start, which
# would otherwise inherit the descriptor and hold the lock forever.
with_lock() {
  [[ -z ${NMT_INFRA_LOCK_HELD:-} ]] || return 0
  require_root
  mkdir -p "$STATE_DIR"
  chmod 700 "$STATE_DIR"
  local rc=0
  NMT_INFRA_LOCK_HELD=1 flock -o -E 75 -w 900 "$STATE_DIR/infra.lock" \
    "$BASH" "$SCRIPT_DIR/$(basename "${BASH_SOURCE[0]}")" "$@" || rc=$?
  ((rc != 75)) || die "another infra.sh still holds $STATE_DIR/infra.lock after 900s"
  exit "$rc"
}

cmd_up() {
  require_root
  prepare_dirs
  local started=$SECONDS
  ensure_packages
  pg_up
  rabbit_up
  load_secrets
  write_env_files
  pg_provision
  rabbit_provision
  log "ready in $((SECONDS - started))s"
  log "PostgreSQL $PG_VER/$PG_CLUSTER  $HOST:$PG_PORT  databases: $(for s in "${SERVICES[@]}"; do printf '%s ' "$(role_of "$s")"; done)(+ test role $PG_TEST_ROLE, CREATEDB)"
  log "RabbitMQ $(rabbit_nodename)  amqp://$HOST:$AMQP_PORT vhost '$RMQ_VHOST' (users $(for s in "${BROKER_SERVICES[@]}"; do printf '%s ' "$(rmq_user_of "$s")"; done| sed 's/ $//')), management $MGMT_URL (user $RMQ_TEST_USER)"
  log "settings and passwords: $ENV_FILE"
}

cmd_down() {
  require_root
  prepare_dirs
  if rabbit_installed; then
    if rabbit_ping || [[ -n $(rabbit_beam_pids) ]]; then
      rabbit_stop
    else
      log "RabbitMQ already stopped"
    fi
  else
    log "RabbitMQ is not installed"
  fi
  if pg_detect; then
    pg_stop
  else
    log "no PostgreSQL cluster"
  fi
}

cmd_status() {
  require_root
  local ok=0
  if pg_detect; then
    if pg_ready; then
      log "PostgreSQL $PG_VER/$PG_CLUSTER: ready on $HOST:$PG_PORT"
    elif pg_running; then
      log "PostgreSQL $PG_VER/$PG_CLUSTER: running but not accepting connections on $HOST:$PG_PORT"; ok=1
    else
      log "PostgreSQL $PG_VER/$PG_CLUSTER: stopped"; ok=1
    fi
  else
    log "PostgreSQL: not installed / no cluster"; ok=1
  fi
  if ! rabbit_installed; then
    log "RabbitMQ: not installed"; ok=1
  elif ! rabbit_ping; then
    log "RabbitMQ: stopped"; ok=1
  elif ! timeout 30 rabbitmqctl -q await_startup --timeout 5 >/dev/null 2>&1; then
    log "RabbitMQ: node running, broker not started"; ok=1
  elif ! rabbit_mgmt_up; then
    log "RabbitMQ: running on $HOST:$AMQP_PORT, management API not answering on $MGMT_URL"; ok=1
  else
    log "RabbitMQ: ready on $HOST:$AMQP_PORT, management $MGMT_URL"
  fi
  if [[ -f $ENV_FILE ]]; then log "env file: $ENV_FILE"; else log "env file: missing (run: $0 up)"; fi
  return "$ok"
}

cmd_restart_postgres() {
  require_root
  prepare_dirs
  pg_detect || die "no PostgreSQL cluster; run: $0 up"
  pg_stop
  pg_start
  pg_wait_ready
  log "PostgreSQL $PG_VER/$PG_CLUSTER ready on $HOST:$PG_PORT"
}

cmd_restart_rabbitmq() {
  require_root
  prepare_dirs
  rabbit_installed || die "RabbitMQ is not installed; run: $0 up"
  rabbit_stop
  rabbit_start
  rabbit_wait_ready
  log "RabbitMQ ready on $HOST:$AMQP_PORT, management $MGMT_URL"
}

cmd_psql() {
  local svc=${1:-}
  [[ -n $svc ]] || die "usage: $0 psql <$(IFS='|'; echo "${SERVICES[*]}")|test> [psql args...]"
  shift
  [[ -r $ENV_FILE ]] || die "$ENV_FILE not found; run: $0 up"
  svc=${svc//-/_}
  local cs
  if [[ $svc == test ]]; then
    cs=$(env_get "$ENV_FILE" NMT_TEST_PG)
  else
    cs=$(env_get "$ENV_FILE" "$(env_key_of "$svc")")
  fi
  [[ -n $cs ]] || die "unknown service '$svc' (known: ${SERVICES[*]} test)"
  local part host="" port="" db="" user="" pw=""
  local IFS=';'
  for part in $cs; do
    case $part in
      Host=*) host=${part#Host=} ;;
      Port=*) port=${part#Port=} ;;
      Database=*) db=${part#Database=} ;;
      Username=*) user=${part#Username=} ;;
      Password=*) pw=${part#Password=} ;;
    esac
  done
  unset IFS
  PGPASSWORD=$pw exec psql "host=$host port=$port dbname=$db user=$user" "$@"
}

usage() {
  cat <<EOF
usage: $(basename "$0") <command>

  up                 install (if needed), configure and start PostgreSQL and RabbitMQ
                     on 127.0.0.1, create roles/databases/vhost/users, write .run/local.env
  down               stop RabbitMQ and PostgreSQL
  status             show state; exit 0 only if both are ready
  restart-postgres   stop and start PostgreSQL, wait until ready
  restart-rabbitmq   stop and start RabbitMQ, wait until ready
  psql <service>     psql as the owner of a service database ($(IFS='|'; echo "${SERVICES[*]}")|test)
EOF
}

main() {
  local cmd=${1:-}
  [[ $# -gt 0 ]] && shift
  case $cmd in
    up | down | restart-postgres | restart-rabbitmq) with_lock "$cmd" "$@" ;;
  esac
  case $cmd in
    up) cmd_up ;;
    down) cmd_down ;;
    status) cmd_status ;;
    restart-postgres) cmd_restart_postgres ;;
    restart-rabbitmq) cmd_restart_rabbitmq ;;
    psql) cmd_psql "$@" ;;
    -h | --help | help) usage ;;
    *)
      usage >&2
      [[ -z $cmd ]] || printf '[infra] ERROR: unknown command: %s\n' "$cmd" >&2
      exit 2
      ;;
  esac
}

main "$@"

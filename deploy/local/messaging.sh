#!/usr/bin/env bash
# The demo's mail server and SMS gateway, which the notifications service sends through, on
# 127.0.0.1 without systemd or Docker:
#
#   smtp4dev   SMTP on :2525; every mail it takes is kept in its web inbox, http://127.0.0.1:5085
#              (API: GET /api/messages). A repository tool (dotnet-tools.json).
#   Kannel     bearerbox (admin and status page :13000, smsbox connection :13001) with a fake SMSC
#              on :13010, and smsbox with the sendsms interface on :13013 (the Debian packages
#              kannel and kannel-extras). Incoming SMS are POSTed to the notifications service
#              (:5105, /api/notifications/sms/incoming?key=...).
#   fakesmsc   Kannel's fake phone network: it is told every SMS sent (.run/logs/sms-phones.log) and
#              sends what the phones answer, which it reads from the FIFO .run/kannel/phone-in
#              (deploy/kannel/phones.sh reads the one and writes the other).
#
#   deploy/local/messaging.sh up               install (if missing), configure and start them (idempotent)
#   deploy/local/messaging.sh down             stop them
#   deploy/local/messaging.sh status           exit 0 only if all are ready
#   deploy/local/messaging.sh reply FROM TEXT  the phone FROM (e.g. +15551234567) answers TEXT
#   deploy/local/messaging.sh phone-log [-f]   what the phones received and answered (-f: follow)
#   deploy/local/messaging.sh install          only install Kannel and smtp4dev (what the tests need)
#
# The sendsms user and password, Kannel's admin password and the key the notifications service
# checks on incoming SMS are generated once into .run/messaging.env (mode 600, git-ignored), with the
# short code replies go to (NMT_SMS_SENDER). Kannel's configuration is .run/kannel/kannel.conf
# (rendered by deploy/kannel/kannel-conf.sh); logs go to .run/logs/, pid files to .run/pids/messaging/.
#
# Environment: NMT_MESSAGING_TIMEOUT (seconds to wait for readiness, default 60); the ports
# NMT_MAIL_SMTP_PORT, NMT_MAIL_WEB_PORT, NMT_SMS_ADMIN_PORT, NMT_SMS_BOX_PORT, NMT_SMS_SMSC_PORT and
# NMT_SMS_SENDSMS_PORT (defaults above; start.sh reads the same). Installing Kannel needs root.
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
export NMT_LOG_PREFIX=messaging
# shellcheck source=deploy/local/apps.sh
. "$SCRIPT_DIR/apps.sh"

export PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:${PATH:-}"
# apt_install (lib.sh) blocks service starts while installing; restore the policy however this ends.
trap restore_service_starts EXIT

HOST=127.0.0.1
RUN_DIR="$REPO_ROOT/.run"
LOG_DIR="$APP_LOG_DIR"
MESSAGING_ENV="$RUN_DIR/messaging.env"
KANNEL_DIR="$RUN_DIR/kannel"
KANNEL_CONF="$KANNEL_DIR/kannel.conf"
PHONE_FIFO="$KANNEL_DIR/phone-in"
PHONE_LOG="$LOG_DIR/sms-phones.log"
SMTP4DEV_DIR="$RUN_DIR/smtp4dev"
SERVER_PID_DIR="$PID_DIR/messaging"
TIMEOUT="${NMT_MESSAGING_TIMEOUT:-60}"

BEARERBOX=/usr/sbin/bearerbox
SMSBOX=/usr/sbin/smsbox
FAKESMSC=/usr/lib/kannel/test/fakesmsc

SMS_USERNAME=nmt-notifications
SMS_SENDER=62668
INCOMING_PATH=/api/notifications/sms/incoming

MAIL_WEB_URL="http://$HOST:$MAIL_WEB_PORT"
SMS_ADMIN_URL="http://$HOST:$SMS_ADMIN_PORT"
SENDSMS_URL="http://$HOST:$SMS_SENDSMS_PORT/cgi-bin/sendsms"

# =============================================================================
# Installation
# =============================================================================

kannel_installed() { [[ -x $BEARERBOX && -x $SMSBOX && -x $FAKESMSC ]]; }

ensure_installed() {
  if ! kannel_installed; then
    require_root
    # kannel: bearerbox and smsbox; kannel-extras: the test programs, fakesmsc among them. The
    # package's own bearerbox (/etc/kannel/kannel.conf) is not started (apt_install blocks it).
    apt_install kannel kannel-extras
    kannel_installed || die "the kannel packages did not install $BEARERBOX, $SMSBOX and $FAKESMSC"
  fi
  have dotnet || die "the .NET SDK 10 is required (dotnet on PATH): https://dot.net"
  # smtp4dev is a repository tool, pinned in dotnet-tools.json.
  (cd "$REPO_ROOT" && run_logged "$LOG_DIR/dotnet-tools.log" "restoring the repository's .NET tools (smtp4dev)" \
    env DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 dotnet tool restore)
}

# =============================================================================
# Settings: .run/messaging.env and Kannel's configuration
# =============================================================================

# Reads .run/messaging.env, generating what is missing, and rewrites it only when something was.
load_settings() {
  mkdir -p "$RUN_DIR"
  chmod 700 "$RUN_DIR"
  NMT_SMS_USERNAME=$(env_get "$MESSAGING_ENV" NMT_SMS_USERNAME)
  NMT_SMS_PASSWORD=$(env_get "$MESSAGING_ENV" NMT_SMS_PASSWORD)
  NMT_SMS_ADMIN_PASSWORD=$(env_get "$MESSAGING_ENV" NMT_SMS_ADMIN_PASSWORD)
  NMT_SMS_INBOUND_KEY=$(env_get "$MESSAGING_ENV" NMT_SMS_INBOUND_KEY)
  NMT_SMS_SENDER=$(env_get "$MESSAGING_ENV" NMT_SMS_SENDER)
  local generated=()
  [[ $NMT_SMS_USERNAME =~ ^[A-Za-z0-9._-]+$ ]] || { NMT_SMS_USERNAME=$SMS_USERNAME; generated+=(NMT_SMS_USERNAME); }
  [[ $NMT_SMS_SENDER =~ ^[0-9]+$ ]] || { NMT_SMS_SENDER=$SMS_SENDER; generated+=(NMT_SMS_SENDER); }
  is_safe_secret "$NMT_SMS_PASSWORD" || { NMT_SMS_PASSWORD=$(random_secret); generated+=(NMT_SMS_PASSWORD); }
  is_safe_secret "$NMT_SMS_ADMIN_PASSWORD" || { NMT_SMS_ADMIN_PASSWORD=$(random_secret); generated+=(NMT_SMS_ADMIN_PASSWORD); }
  is_safe_secret "$NMT_SMS_INBOUND_KEY" || { NMT_SMS_INBOUND_KEY=$(random_secret); generated+=(NMT_SMS_INBOUND_KEY); }
  ((${#generated[@]})) || return 0

  local tmp
  tmp=$(mktemp "$RUN_DIR/.messaging.env.XXXXXX")
  chmod 600 "$tmp"
  {
    echo "# The demo's SMS gateway (Kannel), generated by deploy/local/messaging.sh up; start.sh hands these"
    echo "# to the notifications service. Contains passwords: keep it private (mode 600, git-ignored)."
    echo "# NMT_SMS_USERNAME/PASSWORD: the sendsms user; NMT_SMS_ADMIN_PASSWORD: bearerbox's admin page;"
    echo "# NMT_SMS_INBOUND_KEY: the key on the URL Kannel POSTs incoming SMS to; NMT_SMS_SENDER: the short code."
    printf "NMT_SMS_USERNAME='%s'\n" "$NMT_SMS_USERNAME"
    printf "NMT_SMS_PASSWORD='%s'\n" "$NMT_SMS_PASSWORD"
    printf "NMT_SMS_ADMIN_PASSWORD='%s'\n" "$NMT_SMS_ADMIN_PASSWORD"
    printf "NMT_SMS_INBOUND_KEY='%s'\n" "$NMT_SMS_INBOUND_KEY"
    printf "NMT_SMS_SENDER='%s'\n" "$NMT_SMS_SENDER"
  } >"$tmp"
  mv -f "$tmp" "$MESSAGING_ENV"
  log "wrote $MESSAGING_ENV (new: ${generated[*]})"
}

# Renders Kannel's configuration; returns 0 if it changed (Kannel must be restarted to read it).
write_kannel_conf() {
  mkdir -p "$KANNEL_DIR/store" "$LOG_DIR"
  chmod 700 "$KANNEL_DIR"
  local content
  content=$(NMT_SMS_ADMIN_PASSWORD=$NMT_SMS_ADMIN_PASSWORD NMT_SMS_USERNAME=$NMT_SMS_USERNAME \
    NMT_SMS_PASSWORD=$NMT_SMS_PASSWORD \
    NMT_SMS_INCOMING_URL="http://$HOST:${APP_PORT[notifications]}$INCOMING_PATH?key=$NMT_SMS_INBOUND_KEY" \
    KANNEL_STORE="$KANNEL_DIR/store/kannel.store" KANNEL_LOG_DIR="$LOG_DIR" \
    KANNEL_ADMIN_PORT=$SMS_ADMIN_PORT KANNEL_SMSBOX_PORT=$SMS_BOX_PORT KANNEL_SMSC_PORT=$SMS_SMSC_PORT \
    KANNEL_SENDSMS_PORT=$SMS_SENDSMS_PORT KANNEL_SENDSMS_INTERFACE=$HOST KANNEL_SENDSMS_ALLOW_IP=$HOST \
    "$REPO_ROOT/deploy/kannel/kannel-conf.sh") || die "could not render Kannel's configuration"
  if [[ -f $KANNEL_CONF && $(cat "$KANNEL_CONF") == "$content" ]]; then
    return 1
  fi
  local tmp
  tmp=$(mktemp "$KANNEL_DIR/.kannel.conf.XXXXXX")
  chmod 600 "$tmp"
  printf '%s\n' "$content" >"$tmp"
  mv -f "$tmp" "$KANNEL_CONF"
  log "wrote $KANNEL_CONF"
  return 0
}

# =============================================================================
# Processes: each runs in a session of its own (setsid), so that stopping it signals its whole
# process group (dotnet tool run starts smtp4dev as a child process).
# =============================================================================

# A process that exited but was not reaped yet (a zombie) counts as gone.
alive() { [[ $(ps -o stat= -p "$1" 2>/dev/null) == [!Z]* ]]; }

server_pid() { # prints the pid of a running server, or nothing
  local file="$SERVER_PID_DIR/$1.pid" pid
  [[ -f $file ]] || return 0
  pid=$(<"$file")
  if [[ $pid =~ ^[0-9]+$ ]] && alive "$pid"; then printf '%s' "$pid"; fi
}

# start_server NAME LOGFILE [STDIN] -- CMD...: runs CMD in the background in a new session.
start_server() {
  local name=$1 logfile=$2 input=/dev/null
  shift 2
  if [[ $1 != -- ]]; then input=$1; shift; fi
  shift
  mkdir -p "$SERVER_PID_DIR" "$(dirname "$logfile")"
  printf '\n==== %s: starting %s\n' "$(date -Is)" "$name" >>"$logfile"
  # <> on the FIFO: opened for reading and writing, it never blocks and never reads end-of-file
  # while nobody writes. 9 is this script's lock: not for the servers to keep.
  (
    cd "$REPO_ROOT"
    exec setsid "$@" <>"$input" >>"$logfile" 2>&1 9>&-
  ) &
  printf '%s\n' "$!" >"$SERVER_PID_DIR/$name.pid"
}

stop_server() { # SIGTERM to its process group, up to 15 s, then SIGKILL
  local name=$1 pid i
  pid=$(server_pid "$name")
  if [[ -z $pid ]]; then rm -f "$SERVER_PID_DIR/$name.pid"; return 0; fi
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 30; i++)); do
    alive "$pid" || break
    sleep 0.5
  done
  if alive "$pid"; then
    warn "$name (pid $pid) did not stop in 15 s; killing it"
  fi
  # Whatever is left of its process group (a child that outlived it) goes too.
  kill -KILL -- "-$pid" 2>/dev/null || true
  rm -f "$SERVER_PID_DIR/$name.pid"
  log "stopped $name"
}

port_in_use() { [[ -n $(ss -Hltn "sport = :$1" 2>/dev/null) ]]; }

# Refuses to start a server on a port something else already listens on.
require_free_ports() {
  local port owner
  have ss || return 0
  for port in "$@"; do
    if port_in_use "$port"; then
      owner=$(ss -Hltnp "sport = :$port" 2>/dev/null | grep -o 'users:(([^)]*))' | head -n 1)
      die "port $HOST:$port is already in use${owner:+ by $owner}; stop that process (or set this script's port variables, see its header)"
    fi
  done
}

fail_with_logs() { # fail_with_logs MESSAGE LOGFILE...
  local message=$1; shift
  printf '[%s] ERROR: %s\n' "$NMT_LOG_PREFIX" "$message" >&2
  show_tail 30 "$@"
  exit 1
}

# =============================================================================
# smtp4dev
# =============================================================================

mail_api_ready() { [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$MAIL_WEB_URL/api/messages") == 200 ]]; }

smtp_ready() { # the SMTP port greets with 220
  local banner=""
  { exec 8<>"/dev/tcp/$HOST/$MAIL_SMTP_PORT"; } 2>/dev/null || return 1
  IFS= read -r -t 5 banner <&8 || true
  printf 'QUIT\r\n' >&8 2>/dev/null || true
  exec 8<&- 8>&-
  [[ $banner == 220* ]]
}

mail_ready() { mail_api_ready && smtp_ready; }

mail_up() {
  if [[ -n $(server_pid smtp4dev) ]]; then
    mail_ready && return 0
    warn "smtp4dev runs but does not answer; restarting it"
    stop_server smtp4dev
  fi
  require_free_ports "$MAIL_SMTP_PORT" "$MAIL_WEB_PORT"
  mkdir -p "$SMTP4DEV_DIR"
  # In memory (--db=): the inbox starts empty with every start. No IMAP or POP3 (port 0 picks a
  # free loopback port, as smtp4dev cannot turn them off), no connections from other machines.
  start_server smtp4dev "$LOG_DIR/smtp4dev.log" -- \
    env DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 dotnet tool run smtp4dev -- \
    "--urls=$MAIL_WEB_URL" "--smtpport=$MAIL_SMTP_PORT" --imapport=0 --pop3port=0 \
    "--bindaddress=$HOST" --allowremoteconnections- --db= --nousersettings \
    "--baseappdatapath=$SMTP4DEV_DIR" --messagestokeep=1000
  log "started smtp4dev: SMTP $HOST:$MAIL_SMTP_PORT, inbox $MAIL_WEB_URL (log: .run/logs/smtp4dev.log)"
  local deadline=$((SECONDS + TIMEOUT))
  until mail_ready; do
    [[ -n $(server_pid smtp4dev) ]] || fail_with_logs "smtp4dev exited during start-up" "$LOG_DIR/smtp4dev.log"
    ((SECONDS < deadline)) || fail_with_logs "smtp4dev did not answer on $MAIL_WEB_URL/api/messages and SMTP $HOST:$MAIL_SMTP_PORT within ${TIMEOUT}s" "$LOG_DIR/smtp4dev.log"
    sleep 0.5
  done
}

# =============================================================================
# Kannel
# =============================================================================

KANNEL_SERVERS=(bearerbox smsbox fakesmsc)
KANNEL_LOGS=("$LOG_DIR/bearerbox.log" "$LOG_DIR/smsbox.log" "$PHONE_LOG")

# The password goes in curl's configuration, not on its command line (which any local user can see).
kannel_status_page() { curl -fs --max-time 5 -K <(printf 'url = "%s/status.txt?password=%s"\n' "$SMS_ADMIN_URL" "$NMT_SMS_ADMIN_PASSWORD"); }
bearerbox_ready() { kannel_status_page | grep -q '^Status: running'; }
# Any HTTP answer (without credentials: 403) means smsbox serves sendsms.
sendsms_ready() { [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$SENDSMS_URL") != 000 ]]; }
smsc_online() { kannel_status_page | grep -Eq "^ +fake\[fake\] +FAKE:$SMS_SMSC_PORT \(online"; }
kannel_ready() { bearerbox_ready && sendsms_ready && smsc_online; }

kannel_running() { # all three processes
  local name
  for name in "${KANNEL_SERVERS[@]}"; do [[ -n $(server_pid "$name") ]] || return 1; done
}

kannel_down() {
  # smsbox and the fake phones first; bearerbox waits for its boxes to go.
  stop_server smsbox
  stop_server fakesmsc
  stop_server bearerbox
}

wait_kannel() { # wait_kannel CHECK DESCRIPTION
  local check=$1 what=$2 deadline=$((SECONDS + TIMEOUT)) name
  until "$check"; do
    for name in "${KANNEL_SERVERS[@]}"; do
      [[ ! -f $SERVER_PID_DIR/$name.pid || -n $(server_pid "$name") ]] \
        || fail_with_logs "$name exited during start-up" "${KANNEL_LOGS[@]}"
    done
    ((SECONDS < deadline)) || fail_with_logs "$what within ${TIMEOUT}s" "${KANNEL_LOGS[@]}"
    sleep 0.5
  done
}

kannel_up() {
  local changed=$1
  if kannel_running && ((!changed)) && kannel_ready; then
    return 0
  fi
  if kannel_running && ((changed)); then
    log "Kannel's configuration changed; restarting it"
  elif [[ -n $(server_pid bearerbox)$(server_pid smsbox)$(server_pid fakesmsc) ]]; then
    log "Kannel is not all there; restarting it"
  fi
  kannel_down
  require_free_ports "$SMS_ADMIN_PORT" "$SMS_BOX_PORT" "$SMS_SMSC_PORT" "$SMS_SENDSMS_PORT"
  [[ -p $PHONE_FIFO ]] || { rm -f "$PHONE_FIFO"; mkfifo -m 600 "$PHONE_FIFO"; }

  # -v 3: errors on the console (.run/logs/bearerbox.log, like everything else it logs there), so
  # that a configuration error, found before the log file is open, is there too.
  start_server bearerbox "$LOG_DIR/bearerbox.log" -- "$BEARERBOX" -v 3 "$KANNEL_CONF"
  wait_kannel bearerbox_ready "bearerbox did not answer on $SMS_ADMIN_URL/status.txt"
  start_server smsbox "$LOG_DIR/smsbox.log" -- "$SMSBOX" -v 3 "$KANNEL_CONF"
  wait_kannel sendsms_ready "smsbox did not answer on $SENDSMS_URL"
  # The fake phones: -i 0 sends each answer at once; no -m (a maximum of 0 would send none).
  start_server fakesmsc "$PHONE_LOG" "$PHONE_FIFO" -- "$FAKESMSC" -H "$HOST" -r "$SMS_SMSC_PORT" -i 0
  wait_kannel smsc_online "the fake SMSC did not come online (fakesmsc connecting to $HOST:$SMS_SMSC_PORT)"
  log "started Kannel: sendsms $SENDSMS_URL (user $NMT_SMS_USERNAME), admin $SMS_ADMIN_URL, fake phones on $HOST:$SMS_SMSC_PORT"
}

# =============================================================================
# The phones (deploy/kannel/phones.sh, shared with the sms-gateway container)
# =============================================================================

phones() { KANNEL_PHONE_LOG="$PHONE_LOG" KANNEL_PHONE_FIFO="$PHONE_FIFO" "$REPO_ROOT/deploy/kannel/phones.sh" "$@"; }

cmd_phone_log() {
  if [[ ! -f $PHONE_LOG && ${1:-} != -f ]]; then
    log "no SMS yet ($PHONE_LOG does not exist; start the servers with: $0 up)"
    return 0
  fi
  phones log "$@"
}

cmd_reply() {
  [[ $# -ge 2 ]] || die "usage: $0 reply FROM TEXT   (e.g. $0 reply +15551234567 C)"
  [[ -n $(server_pid fakesmsc) && -p $PHONE_FIFO ]] || die "the fake phones are not running; start them with: $0 up"
  load_settings
  NMT_SMS_SENDER=$NMT_SMS_SENDER phones reply "$@" >/dev/null || exit 1
  log "$1 answered $NMT_SMS_SENDER: ${*:2} (Kannel POSTs it to http://$HOST:${APP_PORT[notifications]}$INCOMING_PATH; see .run/logs/smsbox.log)"
}

# =============================================================================
# Subcommands
# =============================================================================

with_lock() { # one up or down at a time
  mkdir -p "$RUN_DIR"
  exec 9>"$RUN_DIR/messaging.lock"
  flock -w 300 9 || die "another messaging.sh still holds $RUN_DIR/messaging.lock after 300 s"
}

cmd_up() {
  with_lock
  mkdir -p "$LOG_DIR"
  local started=$SECONDS changed=0
  ensure_installed
  load_settings
  write_kannel_conf && changed=1
  mail_up
  kannel_up "$changed"
  log "ready in $((SECONDS - started))s"
  log "mail:  SMTP $HOST:$MAIL_SMTP_PORT, inbox $MAIL_WEB_URL"
  log "SMS:   sendsms $SENDSMS_URL (user $NMT_SMS_USERNAME), replies to $NMT_SMS_SENDER; phones: $0 phone-log, $0 reply +15551234567 C"
  log "settings and passwords: $MESSAGING_ENV"
}

cmd_down() {
  with_lock
  kannel_down
  stop_server smtp4dev
}

cmd_status() {
  local ok=0 name pid
  NMT_SMS_ADMIN_PASSWORD=$(env_get "$MESSAGING_ENV" NMT_SMS_ADMIN_PASSWORD)
  if [[ -z $(server_pid smtp4dev) ]]; then
    log "smtp4dev: stopped"; ok=1
  elif mail_ready; then
    log "smtp4dev: ready, SMTP $HOST:$MAIL_SMTP_PORT, inbox $MAIL_WEB_URL ($(curl -s --max-time 5 "$MAIL_WEB_URL/api/messages" | grep -o '"rowCount":[0-9]*' | cut -d: -f2) messages)"
  else
    log "smtp4dev: running (pid $(server_pid smtp4dev)) but not answering on $MAIL_WEB_URL and SMTP $HOST:$MAIL_SMTP_PORT"; ok=1
  fi
  for name in "${KANNEL_SERVERS[@]}"; do
    pid=$(server_pid "$name")
    if [[ -z $pid ]]; then log "$name: stopped"; ok=1; else log "$name: running (pid $pid)"; fi
  done
  if ((ok == 0)); then
    if ! bearerbox_ready; then
      log "Kannel: bearerbox does not answer on $SMS_ADMIN_URL/status.txt"; ok=1
    elif ! sendsms_ready; then
      log "Kannel: smsbox does not answer on $SENDSMS_URL"; ok=1
    elif ! smsc_online; then
      log "Kannel: the fake SMSC is not online (fakesmsc not connected to $HOST:$SMS_SMSC_PORT)"; ok=1
    else
      log "Kannel: ready, sendsms $SENDSMS_URL, fake phones online; $(kannel_status_page | grep -m1 '^SMS: received')"
    fi
  fi
  if [[ -f $MESSAGING_ENV ]]; then log "settings: $MESSAGING_ENV"; else log "settings: missing (run: $0 up)"; fi
  return "$ok"
}

usage() {
  cat <<EOF
usage: $(basename "$0") <command>

  up                 install (if needed) and start smtp4dev and Kannel on $HOST, write .run/messaging.env
  down               stop them
  status             show state; exit 0 only if all are ready
  reply FROM TEXT    the phone FROM answers TEXT (to the short code), e.g. reply +15551234567 C
  phone-log [-f]     what the phones received (<-) and answered (->); -f follows
  install            install Kannel (apt) and restore smtp4dev (dotnet tool restore) only
EOF
}

main() {
  local cmd=${1:-}
  [[ $# -gt 0 ]] && shift
  case $cmd in
    up) cmd_up ;;
    down) cmd_down ;;
    status) cmd_status ;;
    reply) cmd_reply "$@" ;;
    phone-log) cmd_phone_log "$@" ;;
    install) mkdir -p "$LOG_DIR"; ensure_installed ;;
    -h | --help | help) usage ;;
    *)
      usage >&2
      [[ -z $cmd ]] || printf '[%s] ERROR: unknown command: %s\n' "$NMT_LOG_PREFIX" "$cmd" >&2
      exit 2
      ;;
  esac
}

main "$@"

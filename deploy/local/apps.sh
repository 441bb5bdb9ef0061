# shellcheck shell=bash
# The application processes the local scripts run: name, project directory, assembly and port; and
# the ports of the demo's mail and SMS servers (messaging.sh), which the notifications service uses.
# Sourced by start.sh, stop.sh and messaging.sh; brings the shared helpers (lib.sh) with it.

# shellcheck source=deploy/local/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

APPS=(scheduling intake treatment-records outcome-reporting notifications web gateway)

declare -A APP_DIR=(
  [scheduling]=services/scheduling
  [intake]=services/intake
  [treatment-records]=services/treatment-records
  [outcome-reporting]=services/outcome-reporting
  [notifications]=services/notifications
  [web]=gateway/NmtPractice.Web
  [gateway]=gateway/NmtPractice.Gateway
)
declare -A APP_ASSEMBLY=(
  [scheduling]=NmtPractice.Scheduling
  [intake]=NmtPractice.Intake
  [treatment-records]=NmtPractice.TreatmentRecords
  [outcome-reporting]=NmtPractice.OutcomeReporting
  [notifications]=NmtPractice.Notifications
  [web]=NmtPractice.Web
  [gateway]=NmtPractice.Gateway
)
declare -A APP_PORT=(
  [scheduling]=5101
  [intake]=5102
  [treatment-records]=5103
  [outcome-reporting]=5104
  [notifications]=5105
  [web]=5090
  [gateway]=${NMT_GATEWAY_PORT:-5080}
)
# Key in .run/local.env of each service's own database (the gateway has none yet).
declare -A APP_DB_KEY=(
  [scheduling]=NMT_SCHEDULING_DB
  [intake]=NMT_INTAKE_DB
  [treatment-records]=NMT_TREATMENT_RECORDS_DB
  [outcome-reporting]=NMT_OUTCOME_REPORTING_DB
  [notifications]=NMT_NOTIFICATIONS_DB
)

# The demo's mail server (smtp4dev: SMTP, and a web inbox with its API) and SMS gateway (Kannel:
# bearerbox's admin page and smsbox connection, the fake SMSC the fake phones connect to, and the
# sendsms interface), all on 127.0.0.1; see messaging.sh.
MAIL_SMTP_PORT=${NMT_MAIL_SMTP_PORT:-2525}
MAIL_WEB_PORT=${NMT_MAIL_WEB_PORT:-5085}
SMS_ADMIN_PORT=${NMT_SMS_ADMIN_PORT:-13000}
SMS_BOX_PORT=${NMT_SMS_BOX_PORT:-13001}
SMS_SMSC_PORT=${NMT_SMS_SMSC_PORT:-13010}
SMS_SENDSMS_PORT=${NMT_SMS_SENDSMS_PORT:-13013}

PID_DIR="$REPO_ROOT/.run/pids"
APP_LOG_DIR="$REPO_ROOT/.run/logs"

app_pid() { # prints the pid of a running app, or nothing
  local file="$PID_DIR/$1.pid" pid
  [[ -f $file ]] || return 0
  pid=$(<"$file")
  if [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null; then printf '%s' "$pid"; fi
}

stop_app() { # SIGTERM, up to 20 s for a graceful stop, then SIGKILL
  local name=$1 pid i
  pid=$(app_pid "$name")
  if [[ -z $pid ]]; then rm -f "$PID_DIR/$name.pid"; return 0; fi
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 40; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    warn "$name (pid $pid) did not stop in 20 s; killing it"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$PID_DIR/$name.pid"
  log "stopped $name"
}

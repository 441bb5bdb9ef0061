#!/usr/bin/env bash
# Starts the whole NmtPractice system on this machine and prints where to open it:
# PostgreSQL and RabbitMQ (installed from the OS packages if missing), the demo's mail server and SMS
# gateway (messaging.sh: smtp4dev and Kannel with fake phones), the five services and the web
# application and the gateway, with demo data. Safe to run again: it restarts the applications on the
# current build.
#
#   deploy/local/start.sh
#
# Environment: NMT_GATEWAY_PORT (default 5080), NMT_CONFIGURATION (Release), NMT_RATE_LIMIT_PER_USER
# and NMT_RATE_LIMIT_PER_ADDRESS (requests per minute at the gateway, defaults 300 and 1200; the
# benchmark raises them).
# Stop with deploy/local/stop.sh (the applications and the mail and SMS servers; add --all to stop
# PostgreSQL and RabbitMQ too).
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
export NMT_LOG_PREFIX=start
# shellcheck source=deploy/local/apps.sh
. "$SCRIPT_DIR/apps.sh"

CONFIGURATION=${NMT_CONFIGURATION:-Release}
GATEWAY_URL="http://127.0.0.1:${APP_PORT[gateway]}"

have dotnet || die "the .NET SDK 10 is required (dotnet on PATH): https://dot.net"

"$SCRIPT_DIR/infra.sh" up
"$SCRIPT_DIR/messaging.sh" up

mkdir -p "$APP_LOG_DIR" "$PID_DIR"
clear_stale_packages
run_logged "$APP_LOG_DIR/build.log" "building the solution ($CONFIGURATION)" \
  dotnet build "$REPO_ROOT/NmtPractice.sln" -c "$CONFIGURATION" -nologo

for ((i = ${#APPS[@]} - 1; i >= 0; i--)); do
  stop_app "${APPS[i]}"
done

# Demo credentials: generated once per checkout, kept out of the repository.
DEMO_ENV="$REPO_ROOT/.run/demo.env"
if [[ ! -f $DEMO_ENV ]]; then
  umask 077
  printf "NMT_DEMO_PASSWORD='Demo-%s'\nNMT_DEMO_SEEDER_SECRET='%s'\n" "$(openssl rand -hex 8)" "$(openssl rand -hex 24)" >"$DEMO_ENV"
fi
# The demo managers and admin sign in with a second factor: one authenticator key for all of them.
if ! grep -q '^NMT_DEMO_TOTP_KEY=' "$DEMO_ENV"; then
  (umask 077 && printf "NMT_DEMO_TOTP_KEY='%s'\n" "$(openssl rand 20 | base32 | tr -d '=\n')" >>"$DEMO_ENV")
fi

# The notifications service signs the links it sends and encrypts the contact details it keeps,
# and the gateway's identity server asks it to send clients' sign-in codes with a key of their own:
# 32 random bytes each in base64, kept like the demo credentials.
for key in NMT_NOTIFICATIONS_LINK_KEY NMT_NOTIFICATIONS_CONTACT_KEY NMT_SIGN_IN_CODE_KEY; do
  if ! grep -q "^$key=" "$DEMO_ENV"; then
    (umask 077 && printf "%s='%s'\n" "$key" "$(openssl rand -base64 32)" >>"$DEMO_ENV")
  fi
done

set -a
# shellcheck disable=SC1091
. "$REPO_ROOT/.run/local.env"
# shellcheck disable=SC1090
. "$DEMO_ENV"
set +a

# The gateway calls the services from its own loopback address; they trust X-Forwarded-For from it
# alone, so another local process cannot write the client address into their audit rows.
GATEWAY_OUTBOUND=127.0.0.2

start_app() { # start_app NAME [KEY=VALUE...]: runs the built assembly in the background
  local name=$1; shift
  local dll="$REPO_ROOT/${APP_DIR[$name]}/bin/$CONFIGURATION/net10.0/${APP_ASSEMBLY[$name]}.dll"
  [[ -f $dll ]] || die "$dll is missing after the build"
  (
    cd "$(dirname "$dll")"
    exec env \
      ASPNETCORE_ENVIRONMENT=Development \
      ASPNETCORE_URLS="http://127.0.0.1:${APP_PORT[$name]}" \
      OTEL_SERVICE_NAME="$name" \
      "$@" \
      setsid dotnet "$dll" >>"$APP_LOG_DIR/$name.log" 2>&1 </dev/null
  ) &
  printf '%s' "$!" >"$PID_DIR/$name.pid"
  log "started $name on http://127.0.0.1:${APP_PORT[$name]} (log: .run/logs/$name.log)"
}

# Where the notifications service sends mail and SMS: the servers messaging.sh started, with the
# sendsms account and the key Kannel puts on the incoming-SMS URL from .run/messaging.env.
MESSAGING_ENV="$REPO_ROOT/.run/messaging.env"
notifications_settings=(
  "Notifications__Email__Host=127.0.0.1"
  "Notifications__Email__Port=$MAIL_SMTP_PORT"
  "Notifications__Email__FromAddress=appointments@nmtpractice.test"
  "Notifications__Email__FromName=NmtPractice"
  "Notifications__Sms__SendUrl=http://127.0.0.1:$SMS_SENDSMS_PORT/cgi-bin/sendsms"
  "Notifications__Sms__Username=$(env_get "$MESSAGING_ENV" NMT_SMS_USERNAME)"
  "Notifications__Sms__Password=$(env_get "$MESSAGING_ENV" NMT_SMS_PASSWORD)"
  "Notifications__Sms__Sender=$(env_get "$MESSAGING_ENV" NMT_SMS_SENDER)"
  "Notifications__Sms__CallbackBaseUrl=http://127.0.0.1:${APP_PORT[notifications]}"
  "Notifications__Sms__InboundKey=$(env_get "$MESSAGING_ENV" NMT_SMS_INBOUND_KEY)"
  "Notifications__Links__BaseUrl=$GATEWAY_URL"
  "Notifications__Links__SigningKey=$NMT_NOTIFICATIONS_LINK_KEY"
  "Notifications__ContactEncryptionKey=$NMT_NOTIFICATIONS_CONTACT_KEY"
  "Notifications__SignInCodeKey=$NMT_SIGN_IN_CODE_KEY"
)

for name in scheduling intake treatment-records outcome-reporting notifications; do
  db_key=${APP_DB_KEY[$name]}
  # Each service has a broker user of its own (deploy/broker/service-permissions.tsv).
  rmq_key=NMT_RABBITMQ_URI_$(tr 'a-z-' 'A-Z_' <<<"$name")
  own_settings=()
  [[ $name != notifications ]] || own_settings=("${notifications_settings[@]}")
  start_app "$name" \
    "ConnectionStrings__postgres=${!db_key}" \
    "ConnectionStrings__rabbitmq=${!rmq_key}" \
    "EventStore__AsyncDaemon=Solo" \
    "Auth__Authority=$GATEWAY_URL/" \
    "Auth__RequireHttpsMetadata=false" \
    "ForwardedHeaders__KnownProxies__0=$GATEWAY_OUTBOUND" \
    "${own_settings[@]}"
done

# The web application: people sign in with the gateway's identity server; it calls the APIs through the gateway.
start_app web \
  "Web__Authority=$GATEWAY_URL/" \
  "Web__RequireHttpsMetadata=false" \
  "ForwardedHeaders__KnownProxies__0=$GATEWAY_OUTBOUND"

gateway_routes=()
for name in scheduling intake treatment-records outcome-reporting notifications web; do
  gateway_routes+=("ReverseProxy__Clusters__${name}__Destinations__primary__Address=http://127.0.0.1:${APP_PORT[$name]}")
done
# Plain HTTP on loopback only; in production the gateway runs behind TLS (see README, Security).
start_app gateway "${gateway_routes[@]}" \
  "Edge__OutboundAddress=$GATEWAY_OUTBOUND" \
  "ConnectionStrings__postgres=$NMT_GATEWAY_DB" \
  "Identity__Issuer=$GATEWAY_URL/" \
  "Identity__RequireHttps=false" \
  "Identity__DemoUsers__Password=$NMT_DEMO_PASSWORD" \
  "Identity__DemoUsers__AuthenticatorKey=$NMT_DEMO_TOTP_KEY" \
  "Identity__WebClient__RedirectUris__0=$GATEWAY_URL/app/signin-oidc" \
  "Identity__WebClient__PostLogoutRedirectUris__0=$GATEWAY_URL/app/signout-callback-oidc" \
  "Identity__ClientSignIn__CodeKey=$NMT_SIGN_IN_CODE_KEY" \
  "Identity__ClientSignIn__RedirectUris__0=$GATEWAY_URL/app/my/signin-oidc" \
  "Identity__ClientSignIn__PostLogoutRedirectUris__0=$GATEWAY_URL/app/my/signout-callback-oidc" \
  "Identity__ServiceAccounts__nmt-demo-data__Secret=$NMT_DEMO_SEEDER_SECRET" \
  "Identity__ServiceAccounts__nmt-demo-data__DisplayName=Demo data loader" \
  "Identity__ServiceAccounts__nmt-demo-data__Roles__0=operations-admin" \
  "Identity__ServiceAccounts__nmt-demo-data__Roles__1=front-desk" \
  "Identity__ServiceAccounts__nmt-demo-data__Roles__2=therapist" \
  "Edge__PerUser__PermitLimit=${NMT_RATE_LIMIT_PER_USER:-300}" \
  "Edge__PerClientAddress__PermitLimit=${NMT_RATE_LIMIT_PER_ADDRESS:-1200}"

log "waiting for the gateway and every service behind it to be ready"
for ((i = 0; i < 240; i++)); do
  if curl -fsS -o /dev/null "$GATEWAY_URL/health/ready" 2>/dev/null; then break; fi
  for name in "${APPS[@]}"; do
    [[ -n $(app_pid "$name") ]] || { show_tail 40 "$APP_LOG_DIR/$name.log"; die "$name exited during start-up"; }
  done
  sleep 0.5
done
if ! curl -fsS -o /dev/null "$GATEWAY_URL/health/ready"; then
  curl -sS "$GATEWAY_URL/health/ready" >&2 || true
  for name in "${APPS[@]}"; do show_tail 20 "$APP_LOG_DIR/$name.log"; done
  die "the system did not become ready within 120 s"
fi

NMT_DEMO_SEEDER_SECRET=$NMT_DEMO_SEEDER_SECRET "$SCRIPT_DIR/demo-data.sh" "$GATEWAY_URL"

cat <<SUMMARY

  NmtPractice is running.

  Open:        $GATEWAY_URL/app/                (the web application, through the gateway: the only entry point)
  Clients:     $GATEWAY_URL/book                  (book online at Back Bay; sign in with a demo client's email,
               e.g. ava@example.org, and the code that arrives in the Mail inbox below)
  Health:      $GATEWAY_URL/health/ready
  Sign in as:  frontdesk.backbay, therapist.backbay, manager.backbay,
               (also .cambridge and .chicago) or ops.admin, password: $NMT_DEMO_PASSWORD
               Managers and ops.admin also enter a code from an authenticator app: add the key
               $NMT_DEMO_TOTP_KEY to one, or run deploy/local/totp.sh for the current code.
               therapist.manager is a therapist at Back Bay and manages Cambridge.
  Try:         token=\$(curl -s -d grant_type=client_credentials -d client_id=nmt-demo-data \\
                 -d client_secret=\$(. .run/demo.env; echo \$NMT_DEMO_SEEDER_SECRET) -d scope=nmt-api \\
                 $GATEWAY_URL/connect/token | grep -o '"access_token": *"[^"]*"' | cut -d'"' -f4)
               curl -s -H "Authorization: Bearer \$token" '$GATEWAY_URL/api/outcomes/operations/daily-bookings?from=$(date -u +%F)&to=$(date -u -d '+14 days' +%F)'
  API docs:    http://127.0.0.1:5101/scalar (scheduling), :5102 intake, :5103 treatment-records, :5104 outcome-reporting,
               :5105 notifications
  Mail:        http://127.0.0.1:$MAIL_WEB_PORT (every mail sent, in smtp4dev's inbox; nothing leaves this machine)
  SMS:         deploy/local/messaging.sh phone-log    (what the clients' phones received and answered)
               deploy/local/messaging.sh reply +15551234567 C    (the phone +15551234567 answers C)
  RabbitMQ:    http://127.0.0.1:15672 (user nmt_test, password in .run/local.env)
  Logs:        .run/logs/        Stop: deploy/local/stop.sh [--all]

SUMMARY

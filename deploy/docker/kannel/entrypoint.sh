#!/usr/bin/env bash
# Entrypoint of the sms-gateway container: renders Kannel's configuration from the environment
# (deploy/kannel/kannel-conf.sh: NMT_SMS_ADMIN_PASSWORD, NMT_SMS_USERNAME, NMT_SMS_PASSWORD,
# NMT_SMS_INCOMING_URL, KANNEL_SENDSMS_ALLOW_IP), then runs bearerbox, smsbox and fakesmsc (the
# clients' phones, reading answers from /var/lib/nmt-kannel/phone-in) and stops them all as soon as
# one of them stops, so that the container stops and Compose starts it again.
# Kannel's logs: /var/log/nmt-kannel/; the phones' log is also the container's output.
#
#   sms-gateway           run the gateway (the container's command)
#   sms-gateway healthy   exit 0 when the fake SMSC is online (the phones connected): the healthcheck
set -euo pipefail

# The image's layout (NMT_KANNEL_HOME, KANNEL_LOG_DIR and NMT_KANNEL_LIB move it, for a try-out
# outside the image).
home=${NMT_KANNEL_HOME:-/var/lib/nmt-kannel}
lib=${NMT_KANNEL_LIB:-/usr/local/lib/nmt}
conf=$home/kannel.conf
export KANNEL_STORE=$home/store/kannel.store
export KANNEL_LOG_DIR=${KANNEL_LOG_DIR:-/var/log/nmt-kannel}
export KANNEL_PHONE_FIFO=$home/phone-in
export KANNEL_PHONE_LOG=$KANNEL_LOG_DIR/sms-phones.log
# sendsms listens on every interface of the container (the notifications container calls it), and
# answers only addresses of the Compose network.
export KANNEL_SENDSMS_INTERFACE=""
export KANNEL_SENDSMS_ALLOW_IP=${KANNEL_SENDSMS_ALLOW_IP:-172.28.*.*}
admin="http://127.0.0.1:${KANNEL_ADMIN_PORT:-13000}"
sendsms="http://127.0.0.1:${KANNEL_SENDSMS_PORT:-13013}/cgi-bin/sendsms"

# shellcheck disable=SC2317 # called through wait_until
status_page() { curl -fs --max-time 5 -K <(printf 'url = "%s/status.txt?password=%s"\n' "$admin" "$NMT_SMS_ADMIN_PASSWORD"); }

if [[ ${1:-} == healthy ]]; then
  status_page | grep -Eq "FAKE:${KANNEL_SMSC_PORT:-13010} \(online"
  exit
fi

(umask 077 && "$lib/kannel-conf.sh" >"$conf")
[[ -p $KANNEL_PHONE_FIFO ]] || mkfifo -m 600 "$KANNEL_PHONE_FIFO"

pids=()
stop_all() {
  trap - TERM INT
  ((${#pids[@]} == 0)) || kill -TERM "${pids[@]}" 2>/dev/null || true
  wait || true
}
trap 'stop_all; exit 0' TERM INT

wait_until() { # wait_until SECONDS DESCRIPTION CMD...
  local limit=$1 deadline=$((SECONDS + $1)) what=$2 pid gone=""
  shift 2
  until "$@" >/dev/null 2>&1; do
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null || gone=$pid; done
    if [[ -n $gone ]] || ((SECONDS >= deadline)); then
      if [[ -n $gone ]]; then what+=": it exited"; else what+=" within ${limit}s"; fi
      echo "sms-gateway: $what" >&2
      tail -n 30 "$KANNEL_LOG_DIR"/bearerbox.log "$KANNEL_LOG_DIR"/smsbox.log >&2 2>/dev/null || true
      stop_all
      exit 1
    fi
    sleep 0.5
  done
}

# -v 2: warnings and errors on the container's output too (a configuration error is found before
# the log file is open).
/usr/sbin/bearerbox -v 2 "$conf" &
pids+=("$!")
wait_until 60 "bearerbox did not answer on $admin" status_page
/usr/sbin/smsbox -v 2 "$conf" &
pids+=("$!")
wait_until 60 "smsbox did not answer on $sendsms" curl -s -o /dev/null --max-time 5 "$sendsms"
# The phones: -i 0 sends each answer at once; what they receive goes to their log and the output.
/usr/lib/kannel/test/fakesmsc -H 127.0.0.1 -r "${KANNEL_SMSC_PORT:-13010}" -i 0 <>"$KANNEL_PHONE_FIFO" \
  > >(tee -a "$KANNEL_PHONE_LOG") 2>&1 &
pids+=("$!")
echo "sms-gateway: sendsms on port ${KANNEL_SENDSMS_PORT:-13013}; incoming SMS are POSTed to the notifications service"

# Whichever stops first (or crashes), the others follow, and the container's exit shows it.
status=0
wait -n "${pids[@]}" || status=$?
echo "sms-gateway: a Kannel process stopped (status $status); stopping the others" >&2
stop_all
exit "$((status == 0 ? 1 : status))"

#!/usr/bin/env bash
# The clients' phones in the sms-gateway container (deploy/kannel/phones.sh), for example
#   docker compose exec sms-gateway sms-phones log
#   docker compose exec sms-gateway sms-phones reply +15551234567 C
set -euo pipefail
export KANNEL_PHONE_LOG=/var/log/nmt-kannel/sms-phones.log
export KANNEL_PHONE_FIFO=/var/lib/nmt-kannel/phone-in
export NMT_SMS_SENDER=${NMT_SMS_SENDER:-62668}
exec /usr/local/lib/nmt/phones.sh "$@"

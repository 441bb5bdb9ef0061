#!/usr/bin/env bash
# Prints the Kannel configuration of NmtPractice's SMS gateway on stdout: bearerbox with a fake SMSC
# (Kannel's fakesmsc plays the clients' phones), smsbox with the sendsms interface the notifications
# service sends through, and one catch-all service that POSTs every incoming SMS (a client's reply)
# to the notifications service. Used by deploy/local/messaging.sh and by the sms-gateway container
# (deploy/docker/kannel), so both run the same gateway.
#
# Required environment:
#   NMT_SMS_ADMIN_PASSWORD   bearerbox's admin and status pages (/status.txt?password=...)
#   NMT_SMS_USERNAME         the sendsms user the notifications service sends as
#   NMT_SMS_PASSWORD         ... and its password
#   NMT_SMS_INCOMING_URL     where incoming SMS are POSTed (the notifications service, with its key)
#   KANNEL_STORE             the message store file (in a directory of its own: Kannel writes
#                            <file>.new and <file>.bak beside it)
#   KANNEL_LOG_DIR           where bearerbox.log, smsbox.log and their access logs go
# Optional (defaults):
#   KANNEL_ADMIN_PORT (13000), KANNEL_SMSBOX_PORT (13001), KANNEL_SMSC_PORT (13010: fakesmsc
#   connects here), KANNEL_SENDSMS_PORT (13013), KANNEL_SENDSMS_INTERFACE (127.0.0.1; empty for
#   every interface), KANNEL_SENDSMS_ALLOW_IP (127.0.0.1; Kannel patterns like "172.28.*.*").
# Secrets go into the output: write it to a private file.
set -euo pipefail

fail() { printf 'kannel-conf: %s\n' "$*" >&2; exit 1; }

: "${NMT_SMS_ADMIN_PASSWORD:?NMT_SMS_ADMIN_PASSWORD must be set}"
: "${NMT_SMS_USERNAME:?NMT_SMS_USERNAME must be set}"
: "${NMT_SMS_PASSWORD:?NMT_SMS_PASSWORD must be set}"
: "${NMT_SMS_INCOMING_URL:?NMT_SMS_INCOMING_URL must be set}"
: "${KANNEL_STORE:?KANNEL_STORE must be set}"
: "${KANNEL_LOG_DIR:?KANNEL_LOG_DIR must be set}"
admin_port=${KANNEL_ADMIN_PORT:-13000}
smsbox_port=${KANNEL_SMSBOX_PORT:-13001}
smsc_port=${KANNEL_SMSC_PORT:-13010}
sendsms_port=${KANNEL_SENDSMS_PORT:-13013}
sendsms_interface=${KANNEL_SENDSMS_INTERFACE-127.0.0.1}
sendsms_allow_ip=${KANNEL_SENDSMS_ALLOW_IP:-127.0.0.1}

# Every value is written inside double quotes, which Kannel's configuration cannot escape: refuse
# anything that would end the string or the line.
for name in NMT_SMS_ADMIN_PASSWORD NMT_SMS_USERNAME NMT_SMS_PASSWORD; do
  [[ ${!name} =~ ^[A-Za-z0-9._-]+$ ]] || fail "$name may hold only letters, digits, '.', '_' and '-'"
done
for name in NMT_SMS_INCOMING_URL KANNEL_STORE KANNEL_LOG_DIR KANNEL_SENDSMS_ALLOW_IP; do
  value=${!name:-}
  [[ $value != *[\"[:space:]]* ]] || fail "$name may hold no quotes or white space"
done
[[ $NMT_SMS_INCOMING_URL == http://* || $NMT_SMS_INCOMING_URL == https://* ]] || fail "NMT_SMS_INCOMING_URL must be an http(s) URL"
for port in "$admin_port" "$smsbox_port" "$smsc_port" "$sendsms_port"; do
  [[ $port =~ ^[0-9]+$ ]] || fail "port '$port' is not a number"
done

# A blank line ends a group in Kannel's configuration: an interface not given is a comment instead.
sendsms_interface_line="# sendsms-interface: every interface"
[[ -z $sendsms_interface ]] || sendsms_interface_line="sendsms-interface = \"$sendsms_interface\""

cat <<CONF
# Kannel configuration of NmtPractice's SMS gateway, written by deploy/kannel/kannel-conf.sh.
# Holds passwords: keep it private.

# bearerbox: the admin and status pages, the smsbox connection and the fake SMSC, all on loopback.
# (Kannel's allow lists take effect only with a deny list: everything else is denied.)
group = core
admin-port = $admin_port
admin-interface = "127.0.0.1"
admin-password = "$NMT_SMS_ADMIN_PASSWORD"
status-password = "$NMT_SMS_ADMIN_PASSWORD"
admin-allow-ip = "127.0.0.1"
admin-deny-ip = "*.*.*.*"
smsbox-port = $smsbox_port
smsbox-interface = "127.0.0.1"
box-allow-ip = "127.0.0.1"
box-deny-ip = "*.*.*.*"
log-file = "$KANNEL_LOG_DIR/bearerbox.log"
log-level = 1
access-log = "$KANNEL_LOG_DIR/bearerbox-access.log"
store-type = file
store-location = "$KANNEL_STORE"
dlr-storage = internal

# The fake SMSC: Kannel's fakesmsc connects here and stands in for the phone network. It is told
# every outgoing SMS and sends what the phones answer; each sent SMS gets its delivery reports
# (SMSC accepted, then delivered) at once.
group = smsc
smsc = fake
smsc-id = fake
host = "127.0.0.1"
port = $smsc_port
our-host = "127.0.0.1"
connect-allow-ip = "127.0.0.1"

# smsbox: the sendsms HTTP interface. A delivery-report URL (dlr-url) or incoming-SMS POST that fails
# is tried again 5 more times, 2 s apart.
group = smsbox
bearerbox-host = "127.0.0.1"
bearerbox-port = $smsbox_port
sendsms-port = $sendsms_port
$sendsms_interface_line
log-file = "$KANNEL_LOG_DIR/smsbox.log"
log-level = 0
access-log = "$KANNEL_LOG_DIR/smsbox-access.log"
mo-recode = true
http-request-retry = 5
http-queue-delay = 2

# The one sender: the notifications service (GET /cgi-bin/sendsms?username=...&password=...).
group = sendsms-user
username = "$NMT_SMS_USERNAME"
password = "$NMT_SMS_PASSWORD"
max-messages = 3
concatenation = true
user-allow-ip = "$sendsms_allow_ip"
user-deny-ip = "*.*.*.*"

# Every incoming SMS, whatever its first word, is POSTed (the text as the body, X-Kannel-From the
# sender, X-Kannel-To the short code it was sent to) to the notifications service. The service's
# answer is never sent back as an SMS (max-messages 0; an empty one would not be either).
group = sms-service
keyword = default
catch-all = true
post-url = "$NMT_SMS_INCOMING_URL"
send-sender = true
omit-empty = true
max-messages = 0
CONF

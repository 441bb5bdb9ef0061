#!/usr/bin/env bash
# The clients' phones of the demo's SMS gateway: Kannel's fakesmsc, connected to the gateway's fake
# SMSC, logs every SMS sent to a phone and sends the phones' answers, which it reads a line at a time
# from a FIFO. Used by deploy/local/messaging.sh (phone-log, reply) and, as sms-phones, in the
# sms-gateway container (deploy/docker/kannel).
#
#   phones.sh log [-f]            what the phones received (<-) and answered (->); -f follows
#   phones.sh reply FROM TEXT     the phone FROM (+15551234567) answers TEXT to the short code
#
# Environment: KANNEL_PHONE_LOG (fakesmsc's output), KANNEL_PHONE_FIFO (its input; for reply) and
# NMT_SMS_SENDER (the short code answers go to; for reply).
set -euo pipefail

fail() { printf 'phones: %s\n' "$*" >&2; exit 1; }

: "${KANNEL_PHONE_LOG:?KANNEL_PHONE_LOG must be set}"

# url_decode: prints the bytes of a URL-encoded string ("+" a space).
url_decode() {
  local s=${1//+/ }
  s=${s//\\/\\\\}
  printf '%b' "${s//%/\\x}"
}

# Prints an SMS body as fakesmsc logs it: text as it is, data URL-encoded, ucs-2 URL-encoded UTF-16.
# (The parts of a long SMS come as URL-encoded data whatever their coding: UTF-16 ones are told by
# their NUL bytes, which plain text never holds.)
sms_text() { # sms_text TYPE DATA
  case $1 in
    text) printf '%s' "$2" ;;
    ucs-2 | ucs2) url_decode "$2" | iconv -f UTF-16BE -t UTF-8 2>/dev/null || printf '%s' "$2" ;;
    *)
      if [[ $2 == *%00* ]]; then
        url_decode "$2" | iconv -f UTF-16BE -t UTF-8 2>/dev/null || printf '%s' "$2"
      else
        url_decode "$2"
      fi
      ;;
  esac
}

# One line of fakesmsc's log as "time  +15551234567 <- 62668: text" (received), or an answer logged
# by reply as "time  +15551234567 -> 62668: text". The parts of a long SMS (concatenated, each with a
# user data header) are shown together once all have arrived.
declare -A PARTS=()
phone_line() {
  local line=$1 when from to type rest udh ref total seq i text=""
  when=${line:0:19}
  if [[ $line =~ \]\ Phone\ answered:\ \<([^ ]+)\ ([^ ]+)\ text\ (.*)\>$ ]]; then
    printf '%s  %s -> %s: %s\n' "$when" "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}" "${BASH_REMATCH[3]}"
    return
  fi
  [[ $line =~ Got\ message\ [0-9]+:\ \<(.*)\>$ ]] || return 0
  rest=${BASH_REMATCH[1]}
  if [[ ! $rest =~ ^([^ ]+)\ ([^ ]+)\ ([a-z0-9-]+)\ (.*)$ ]]; then
    # A line break inside an SMS: fakesmsc logs what follows it as a message of its own.
    printf '%s      %s\n' "$when" "$rest"
    return
  fi
  from=${BASH_REMATCH[1]} to=${BASH_REMATCH[2]} type=${BASH_REMATCH[3]} rest=${BASH_REMATCH[4]}
  if [[ $type == udh ]]; then
    udh=${rest%% *}
    rest=${rest#* }
    if [[ $rest =~ ^(text|data|ucs-2|ucs2)\ (.*)$ ]]; then
      type=${BASH_REMATCH[1]} rest=${BASH_REMATCH[2]}
    fi
    # Concatenation header: 05 00 03 <reference> <number of parts> <this part>.
    if [[ $(url_decode "$udh" | od -An -tx1 | tr -d ' \n') =~ ^050003(..)(..)(..) ]]; then
      ref=${BASH_REMATCH[1]} total=$((16#${BASH_REMATCH[2]})) seq=$((16#${BASH_REMATCH[3]}))
      PARTS[$to/$ref/$seq]=$(sms_text "$type" "$rest")
      for ((i = 1; i <= total; i++)); do
        [[ -v "PARTS[$to/$ref/$i]" ]] || return 0
      done
      for ((i = 1; i <= total; i++)); do
        text+=${PARTS[$to/$ref/$i]}
        unset "PARTS[$to/$ref/$i]"
      done
      printf '%s  %s <- %s: %s\n' "$when" "$to" "$from" "$text"
      return
    fi
  fi
  printf '%s  %s <- %s: %s\n' "$when" "$to" "$from" "$(sms_text "$type" "$rest")"
}

cmd_log() {
  local line
  if [[ ${1:-} == -f ]]; then
    touch "$KANNEL_PHONE_LOG"
    tail -n +1 -F "$KANNEL_PHONE_LOG" 2>/dev/null | while IFS= read -r line; do phone_line "$line"; done
    return
  fi
  [[ -f $KANNEL_PHONE_LOG ]] || { echo "no SMS yet ($KANNEL_PHONE_LOG does not exist)"; return 0; }
  while IFS= read -r line; do phone_line "$line"; done <"$KANNEL_PHONE_LOG"
}

sent_count() { grep -c 'fakesmsc: sent message' "$KANNEL_PHONE_LOG" 2>/dev/null || true; }

cmd_reply() {
  local from=${1:-} text
  shift || true
  text=$*
  [[ -n $from && -n $text ]] || fail "usage: reply FROM TEXT   (e.g. reply +15551234567 C)"
  [[ $from =~ ^\+?[0-9]{3,20}$ ]] || fail "FROM must be a phone number like +15551234567, not '$from'"
  : "${KANNEL_PHONE_FIFO:?KANNEL_PHONE_FIFO must be set}"
  : "${NMT_SMS_SENDER:?NMT_SMS_SENDER must be set}"
  [[ -p $KANNEL_PHONE_FIFO ]] || fail "$KANNEL_PHONE_FIFO is not there: the phones are not running"
  # One line is one SMS.
  text=${text//[$'\r\n']/ }
  # fakesmsc reads its input a line at a time, and a second line waiting in its buffer only when more
  # input comes: answers go one at a time, each once the one before was sent.
  exec 7>"$KANNEL_PHONE_FIFO.lock"
  flock -w 30 7 || fail "another answer is still being sent"
  local line before deadline
  before=$(sent_count)
  line=$(printf '%s %s text %s' "$from" "$NMT_SMS_SENDER" "$text")
  # A write to a FIFO nobody reads would block: give up after 5 s.
  # shellcheck disable=SC2016 # expanded by the inner bash
  timeout 5 bash -c 'printf "%s\n" "$1" >"$2"' _ "$line" "$KANNEL_PHONE_FIFO" \
    || fail "could not write to $KANNEL_PHONE_FIFO: the phones are not running"
  deadline=$((SECONDS + 10))
  until (($(sent_count) > ${before:-0})); do
    ((SECONDS < deadline)) || fail "fakesmsc did not send the answer within 10 s (see $KANNEL_PHONE_LOG)"
    sleep 0.2
  done
  printf '%s [phones] Phone answered: <%s>\n' "$(date '+%F %T')" "$line" >>"$KANNEL_PHONE_LOG"
  printf '%s answered %s: %s\n' "$from" "$NMT_SMS_SENDER" "$text"
}

cmd=${1:-}
[[ $# -gt 0 ]] && shift
case $cmd in
  log) cmd_log "$@" ;;
  reply) cmd_reply "$@" ;;
  *) fail "usage: $(basename "$0") log [-f] | reply FROM TEXT" ;;
esac

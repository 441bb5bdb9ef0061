#!/usr/bin/env bash
# Prints the current six-digit sign-in code of an authenticator key (TOTP, RFC 6238), as an
# authenticator app would: by default the demo managers' and admin's key from .run/demo.env.
#   deploy/local/totp.sh [BASE32-KEY]
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
key=${1:-}
if [[ -z $key ]]; then
  # shellcheck disable=SC1091
  key=$(. "$REPO_ROOT/.run/demo.env" && echo "${NMT_DEMO_TOTP_KEY:?no demo key yet: run deploy/local/start.sh}")
fi
key=$(printf '%s' "$key" | tr -d ' =' | tr '[:lower:]' '[:upper:]')
while ((${#key} % 8)); do key+="="; done
hexkey=$(printf '%s' "$key" | base32 -d | od -An -tx1 -v | tr -d ' \n')
counter=$(printf '%016x' $(($(date +%s) / 30)))
# shellcheck disable=SC2059
hash=$(printf "$(printf '%s' "$counter" | sed 's/../\\x&/g')" | openssl dgst -sha1 -mac HMAC -macopt "hexkey:$hexkey" -binary | od -An -tx1 -v | tr -d ' \n')
offset=$((16#${hash:39:1}))
printf '%06d\n' $(((16#${hash:offset*2:8} & 0x7fffffff) % 1000000))

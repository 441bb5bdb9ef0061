# shellcheck shell=bash
# Shared helpers for the deploy/local scripts (sourced, not executed).
#
# Everything here is generic: logging, waiting, running long commands with a
# log file, installing Debian packages without starting their services,
# editing "key = value" config files and reading/writing the KEY='value' env
# file. Nothing in this file prints secrets.

# The repository, for the scripts that source this file.
REPO_ROOT=${REPO_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}

# --- logging ---------------------------------------------------------------

log()  { printf '[%s] %s\n' "${NMT_LOG_PREFIX:-infra}" "$*"; }
warn() { printf '[%s] WARNING: %s\n' "${NMT_LOG_PREFIX:-infra}" "$*" >&2; }
die()  { printf '[%s] ERROR: %s\n' "${NMT_LOG_PREFIX:-infra}" "$*" >&2; exit 1; }

have() { command -v "$1" >/dev/null 2>&1; }

require_root() {
  [[ ${EUID:-$(id -u)} -eq 0 ]] || die "must run as root (it manages system services)"
}

# Print the last lines of each given file that exists (for error reports).
show_tail() {
  local lines=$1 f; shift
  for f in "$@"; do
    [[ -f $f ]] || continue
    printf '[%s] ---- last %s lines of %s ----\n' "${NMT_LOG_PREFIX:-infra}" "$lines" "$f" >&2
    tail -n "$lines" "$f" >&2 || true
  done
}

# run_logged LOGFILE DESCRIPTION CMD...
# Runs CMD with stdout/stderr appended to LOGFILE; on failure prints the tail.
run_logged() {
  local logfile=$1 desc=$2; shift 2
  mkdir -p "$(dirname "$logfile")"
  log "$desc (log: $logfile)"
  printf '\n==== %s: %s\n' "$(date -Is)" "$desc" >>"$logfile"
  if ! "$@" >>"$logfile" 2>&1; then
    printf '[%s] ERROR: %s failed\n' "${NMT_LOG_PREFIX:-infra}" "$desc" >&2
    show_tail 40 "$logfile"
    exit 1
  fi
}

# wait_for TIMEOUT_SECONDS INTERVAL CMD...
# Retries CMD (silenced) until it succeeds; returns 1 on timeout.
wait_for() {
  local timeout=$1 interval=$2; shift 2
  local deadline=$((SECONDS + timeout))
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || return 1
    sleep "$interval"
  done
}

random_secret() {
  # 32 hex characters: safe in connection strings, URIs and shell files.
  if have openssl; then
    openssl rand -hex 16
  else
    od -An -N16 -tx1 /dev/urandom | tr -d ' \n'
  fi
}

is_safe_secret() { [[ $1 =~ ^[A-Za-z0-9]{16,}$ ]]; }
# A string as the inside of a JSON string literal (backslashes and quotes escaped).
json_escape() { local v=${1//\\/\\\\}; printf '%s' "${v//\"/\\\"}"; }

# --- Debian packages ----------------------------------------------------------

APT_UPDATED=0
POLICY_RC_D=/usr/sbin/policy-rc.d
POLICY_RC_D_BACKUP=""
POLICY_RC_D_OURS=0

# Debian maintainer scripts start services through invoke-rc.d; without
# systemd that can hang or fail, and a started daemon would run with the
# package's configuration. A policy-rc.d answering 101 ("action forbidden")
# makes them skip the start. Any existing policy is restored. A script that
# calls apt_install also sets `trap restore_service_starts EXIT`, so that a
# failed install does not leave the policy behind.
block_service_starts() {
  if [[ -e $POLICY_RC_D ]]; then
    POLICY_RC_D_BACKUP=$(mktemp "$(dirname "$POLICY_RC_D")/.policy-rc.d.nmt-backup.XXXXXX")
    cp -p "$POLICY_RC_D" "$POLICY_RC_D_BACKUP"
  fi
  POLICY_RC_D_OURS=1
  printf '#!/bin/sh\n# Temporary, written by NmtPractice deploy/local scripts during apt-get install.\nexit 101\n' >"$POLICY_RC_D"
  chmod 755 "$POLICY_RC_D"
}

restore_service_starts() {
  ((POLICY_RC_D_OURS)) || return 0
  if [[ -n $POLICY_RC_D_BACKUP ]]; then
    mv -f "$POLICY_RC_D_BACKUP" "$POLICY_RC_D"
  else
    rm -f "$POLICY_RC_D"
  fi
  POLICY_RC_D_OURS=0
}

# apt_install PACKAGE...: apt-get update (once per run), then install with no service started.
# Output goes to .run/logs/apt.log.
apt_install() {
  local logfile="$REPO_ROOT/.run/logs/apt.log"
  local apt=(apt-get -y -q -o DPkg::Lock::Timeout=300
    -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold)
  if ((!APT_UPDATED)); then
    run_logged "$logfile" "apt-get update" env DEBIAN_FRONTEND=noninteractive apt-get -q -o DPkg::Lock::Timeout=300 update
    APT_UPDATED=1
  fi
  block_service_starts
  run_logged "$logfile" "apt-get install $* (may take a minute or two)" \
    env DEBIAN_FRONTEND=noninteractive "${apt[@]}" install "$@"
  restore_service_starts
}

# --- "key = value" config files (rabbitmq.conf, PostgreSQL conf.d) -----------

# conf_set FILE KEY VALUE [SEPARATOR]
# Replaces the first active "KEY<sep>..." line or appends one; keeps every
# other line. Returns 0 if the file changed, 1 if it already had the value.
conf_set() {
  local file=$1 key=$2 value=$3 sep=${4:- = }
  local wanted="${key}${sep}${value}"
  local key_re
  key_re=$(printf '%s' "$key" | sed 's/[][\.*^$/]/\\&/g')
  touch "$file"
  if grep -qxF -- "$wanted" "$file"; then
    return 1
  fi
  local tmp
  tmp=$(mktemp "${file}.XXXXXX")
  if grep -qE "^[[:space:]]*${key_re}[[:space:]]*(=|$)" "$file"; then
    # Replace the first matching line, drop later duplicates.
    # ENVIRON, not -v: awk -v would interpret the backslashes.
    CONF_RE="^[[:space:]]*${key_re}[[:space:]]*(=|\$)" CONF_LINE="$wanted" awk '
      $0 ~ ENVIRON["CONF_RE"] { if (!done) { print ENVIRON["CONF_LINE"]; done = 1 }; next }
      { print }' "$file" >"$tmp"
  else
    cat "$file" >"$tmp"
    [[ -s $tmp && -n $(tail -c1 "$tmp") ]] && echo >>"$tmp"
    printf '%s\n' "$wanted" >>"$tmp"
  fi
  chmod --reference="$file" "$tmp"
  chown --reference="$file" "$tmp"
  mv -f "$tmp" "$file"
  return 0
}

# --- env file: KEY='value' or KEY=value, one per line, # comments -------------

# env_get FILE KEY -> prints the value (without surrounding quotes), or nothing.
env_get() {
  local file=$1 key=$2 line value
  [[ -r $file ]] || return 0
  line=$(grep -E "^[[:space:]]*${key}=" "$file" | tail -n 1) || return 0
  value=${line#*=}
  if [[ $value == \'*\' && ${#value} -ge 2 ]]; then
    value=${value:1:${#value}-2}
  elif [[ $value == \"*\" && ${#value} -ge 2 ]]; then
    value=${value:1:${#value}-2}
  fi
  printf '%s' "$value"
}

# Extract "Password=..." from an Npgsql connection string.
conn_password() {
  local cs=$1 part
  local IFS=';'
  for part in $cs; do
    [[ $part == Password=* ]] && { printf '%s' "${part#Password=}"; return; }
  done
}

# Extract the password from amqp://user:password@host...
uri_password() {
  local uri=$1
  if [[ $uri =~ ^amqps?://[^:/@]+:([^@]+)@ ]]; then printf '%s' "${BASH_REMATCH[1]}"; fi
}

# clear_stale_packages: a package cache that restored this repository while it shipped a local
# stand-in for Patched.DistributedLock.Postgres 1.3.3 (a metapackage pointing at the upstream
# DistributedLock.Postgres 1.3.1) still holds that stand-in under the same id and version, and NuGet
# would keep using it. Remove it, so that the registry's package is restored (the lock files' content
# hashes would refuse the stand-in anyway).
clear_stale_packages() {
  local stale="${NUGET_PACKAGES:-$HOME/.nuget/packages}/patched.distributedlock.postgres/1.3.3"
  if [[ -f "$stale/patched.distributedlock.postgres.nuspec" ]] \
    && grep -q '<dependency id="DistributedLock.Postgres"' "$stale/patched.distributedlock.postgres.nuspec"; then
    log "removing a stale local stand-in for Patched.DistributedLock.Postgres 1.3.3 from the package cache"
    rm -rf "$stale"
  fi
}

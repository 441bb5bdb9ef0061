#!/usr/bin/env bash
# Stops the NmtPractice processes started by deploy/local/start.sh.
#
#   deploy/local/stop.sh          stop the gateway and the services
#   deploy/local/stop.sh --all    ... and PostgreSQL and RabbitMQ too
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
export NMT_LOG_PREFIX=stop
# shellcheck source=deploy/local/apps.sh
. "$SCRIPT_DIR/apps.sh"

# The gateway first, so that nothing new arrives while the services drain.
for ((i = ${#APPS[@]} - 1; i >= 0; i--)); do
  stop_app "${APPS[i]}"
done

if [[ ${1:-} == --all ]]; then
  "$SCRIPT_DIR/infra.sh" down
fi

#!/usr/bin/env bash
# Stops the NmtPractice processes started by deploy/local/start.sh.
#
#   deploy/local/stop.sh          stop the gateway, the services and the demo's mail and SMS servers
#   deploy/local/stop.sh --all    ... and PostgreSQL and RabbitMQ too
#
# The mail and SMS servers (messaging.sh) serve the demo alone, so they stop with the applications;
# start.sh starts them again (the mail inbox starts empty).
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
export NMT_LOG_PREFIX=stop
# shellcheck source=deploy/local/apps.sh
. "$SCRIPT_DIR/apps.sh"

# The gateway first, so that nothing new arrives while the services drain.
for ((i = ${#APPS[@]} - 1; i >= 0; i--)); do
  stop_app "${APPS[i]}"
done

"$SCRIPT_DIR/messaging.sh" down

if [[ ${1:-} == --all ]]; then
  "$SCRIPT_DIR/infra.sh" down
fi

#!/usr/bin/env bash
# Mutation testing of the clinical rules with Stryker.NET (a local .NET tool, pinned in
# dotnet-tools.json): it changes the rule code one small edit at a time (a < for a <=, a removed
# call, a flipped condition) and runs the tests that cover each change; a change no test notices
# "survives". Each target is held to a score of at least 90% of its covered mutants.
#
#   deploy/local/mutation.sh [target ...]    targets: screening notes booking outcomes (default: all)
#
# Reports: .run/mutation/<target>/reports/mutation-report.html (and .json). Not part of the test
# suite (it runs each target's tests many times); the tests of these projects use the real
# PostgreSQL and RabbitMQ, which it starts as the test script does.
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$SCRIPT_DIR/../.." && pwd)
export NMT_LOG_PREFIX=mutation
# shellcheck source=deploy/local/lib.sh
. "$SCRIPT_DIR/lib.sh"

BREAK_AT=${NMT_MUTATION_BREAK_AT:-90}

# target | source project | test project | files to mutate (Stryker globs, ';'-separated)
TARGETS=(
  "screening|services/intake/NmtPractice.Intake.csproj|tests/NmtPractice.Intake.Tests|**/Screening/**/*.cs"
  "notes|services/treatment-records/NmtPractice.TreatmentRecords.csproj|tests/NmtPractice.TreatmentRecords.Tests|**/SessionNotes/SessionNoteDecisions.cs;**/SessionNotes/Sections/*.cs;**/Screening/OpeningRules.cs"
  "booking|services/scheduling/NmtPractice.Scheduling.csproj|tests/NmtPractice.Scheduling.Tests|**/Appointments/BookingScene.cs"
  "outcomes|services/outcome-reporting/NmtPractice.OutcomeReporting.csproj|tests/NmtPractice.OutcomeReporting.Tests|**/Clinical/CourseOfCare.cs"
)

have dotnet || die "the .NET SDK 10 is required (dotnet on PATH): https://dot.net"
wanted=("$@")
[[ ${#wanted[@]} -gt 0 ]] || wanted=(screening notes booking outcomes)

"$SCRIPT_DIR/infra.sh" up
run_logged "$REPO_ROOT/.run/logs/mutation-tools.log" "restoring the repository's .NET tools (Stryker.NET)" \
  dotnet tool restore --tool-manifest "$REPO_ROOT/dotnet-tools.json"

status=0
summary=()
for name in "${wanted[@]}"; do
  entry=$(printf '%s\n' "${TARGETS[@]}" | grep "^$name|") || die "no mutation target called '$name' (targets: screening notes booking outcomes)"
  IFS='|' read -r _ project tests globs <<<"$entry"
  output="$REPO_ROOT/.run/mutation/$name"
  rm -rf "$output"
  mutate=()
  IFS=';' read -ra patterns <<<"$globs"
  for pattern in "${patterns[@]}"; do
    mutate+=(--mutate "$pattern")
  done

  log "mutating $name ($globs) against $tests"
  code=0
  (cd "$REPO_ROOT/$tests" && dotnet stryker \
    --project "$(basename "$project")" \
    --test-runner mtp \
    --configuration Release \
    "${mutate[@]}" \
    --reporter html --reporter json --reporter progress --reporter cleartext \
    --threshold-high 95 --threshold-low "$BREAK_AT" --break-at "$BREAK_AT" \
    --skip-version-check \
    --output "$output") >"$REPO_ROOT/.run/logs/mutation-$name.log" 2>&1 || code=$?
  score=$(grep -o 'The final mutation score is [0-9.]*' "$REPO_ROOT/.run/logs/mutation-$name.log" | grep -o '[0-9.]*$' || echo "?")
  summary+=("$name: ${score}% (report: .run/mutation/$name/reports/mutation-report.html)")
  if [[ $code -ne 0 ]]; then
    status=1
    log "$name: below $BREAK_AT% or failed (exit $code); see .run/logs/mutation-$name.log"
  fi
done

for line in "${summary[@]}"; do
  log "$line"
done
exit "$status"

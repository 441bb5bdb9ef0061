#!/usr/bin/env bash
# Mutation testing of the clinical rules with Stryker.NET (a local .NET tool, pinned in
# dotnet-tools.json): it changes the rule code one small edit at a time (a < for a <=, a removed
# call, a flipped condition) and runs the tests that cover each change; a change no test notices
# "survives". Each target is held to a score of at least 90% of its covered mutants.
#
#   deploy/local/mutation.sh [target ...]    targets: screening notes booking outcomes (default: all)
#
# Reports: .run/mutation/<target>/reports/mutation-report.html (and .json). Not part of the test
# suite (it runs each target's tests once per mutant). The rule tests need no server.
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$SCRIPT_DIR/../.." && pwd)
export NMT_LOG_PREFIX=mutation
# shellcheck source=deploy/local/lib.sh
. "$SCRIPT_DIR/lib.sh"

BREAK_AT=${NMT_MUTATION_BREAK_AT:-90}

# Each target is mutated against its rule tests alone: the pure tests of the deciders and rules (no
# server, milliseconds each), compiled into the test project by name (tests/Directory.Build.targets
# reads NmtRuleTests). The integration tests are not counted: a rule is held by tests that state it.
#
# target | source project | test project | files to mutate (Stryker globs, ';'-separated) | rule tests
TARGETS=(
  "screening|services/intake/NmtPractice.Intake.csproj|tests/NmtPractice.Intake.Tests|**/Screening/**/*.cs|AnswerValidationTests.cs;ClientDecisionsTests.cs;ConditionTests.cs;IntakeAnswers.cs;ScreeningPropertyTests.cs;ScreeningRuleTableTests.cs"
  "notes|services/treatment-records/NmtPractice.TreatmentRecords.csproj|tests/NmtPractice.TreatmentRecords.Tests|**/SessionNotes/SessionNoteDecisions.cs;**/SessionNotes/Sections/*.cs;**/Screening/OpeningRules.cs|SessionNoteDecisionsTests.cs;SectionLimitsTests.cs;NoteRefusalsTests.cs;TechniqueCatalogueTests.cs;SessionNoteExamples.cs"
  "booking|services/scheduling/NmtPractice.Scheduling.csproj|tests/NmtPractice.Scheduling.Tests|**/Appointments/BookingRules.cs;**/Appointments/BookingSeries/SeriesPlan.cs;**/Waitlist/WaitlistClaims.cs|BookingRulesTests.cs;OnlineBookingRulesTests.cs;BookingExamples.cs;AppointmentDecisionsTests.cs;WeeklyScheduleTests.cs;SeriesPlanTests.cs;WaitlistClaimDecisionsTests.cs"
  "outcomes|services/outcome-reporting/NmtPractice.OutcomeReporting.csproj|tests/NmtPractice.OutcomeReporting.Tests|**/Clinical/CourseOfCare.cs;**/Clinical/CourseMilestones.cs;**/Clinical/ImprovementThreshold.cs|CourseOfCareTests.cs"
)

have dotnet || die "the .NET SDK 10 is required (dotnet on PATH): https://dot.net"
wanted=("$@")
[[ ${#wanted[@]} -gt 0 ]] || wanted=(screening notes booking outcomes)

run_logged "$REPO_ROOT/.run/logs/mutation-tools.log" "restoring the repository's .NET tools (Stryker.NET)" \
  dotnet tool restore --tool-manifest "$REPO_ROOT/dotnet-tools.json"

status=0
summary=()
for name in "${wanted[@]}"; do
  entry=$(printf '%s\n' "${TARGETS[@]}" | grep "^$name|") || die "no mutation target called '$name' (targets: screening notes booking outcomes)"
  IFS='|' read -r _ project tests globs rule_tests <<<"$entry"
  output="$REPO_ROOT/.run/mutation/$name"
  rm -rf "$output"
  mutate=()
  IFS=';' read -ra patterns <<<"$globs"
  for pattern in "${patterns[@]}"; do
    mutate+=(--mutate "$pattern")
  done

  log "mutating $name ($globs) against $tests"
  code=0
  (cd "$REPO_ROOT/$tests" && NmtRuleTests="$rule_tests" dotnet stryker \
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

using NmtPractice.Contracts.Intake;

namespace NmtPractice.TreatmentRecords.Screening;

/// <summary>Why a session cannot be opened: a stable code and what to tell the therapist.</summary>
public sealed record OpeningRefusal(string Code, string Detail);

/// <summary>
/// Whether a client may be treated on a given day, from their latest screening: pure, shared by the
/// therapist's request and the check-in consumer.
/// </summary>
public static class OpeningRules
{
    public const string ScreeningUnknown = "screening-unknown";
    public const string Contraindicated = "contraindicated";
    public const string ClearanceRequired = "clearance-required";
    public const string ClearanceExpired = "clearance-expired";
    public const string IntakeExpired = "intake-expired";

    /// <summary>The screening to show with the session, or why there must be no session.</summary>
    public static (ScreeningShown? Shown, OpeningRefusal? Refusal) Check(ClientScreening? screening, DateOnly sessionDate)
    {
        if (screening is not { Status: { } status, RuleSetVersion: { } ruleSet, ScreenedAt: { } screenedAt })
        {
            return (null, new OpeningRefusal(ScreeningUnknown,
                "No screening of this client is on record: the client must complete intake and treatment consent first."));
        }

        if (status == ScreeningStatuses.Contraindicated)
        {
            return (null, new OpeningRefusal(Contraindicated,
                "The client's latest screening found a contraindication to massage: treatment must not go ahead."));
        }

        if (status == ScreeningStatuses.PhysicianClearanceRequired)
        {
            return (null, new OpeningRefusal(ClearanceRequired,
                "The client's latest screening requires a physician's clearance, and none valid is on record."));
        }

        if (status is not (ScreeningStatuses.Cleared or ScreeningStatuses.ClearedWithPrecautions))
        {
            return (null, new OpeningRefusal(ScreeningUnknown, "The client's screening status is not one this service knows; screen the client again."));
        }

        if (screening.ClearanceValidUntil is { } clearanceEnds && clearanceEnds < sessionDate)
        {
            return (null, new OpeningRefusal(ClearanceExpired,
                $"The physician's clearance the screening rests on expired on {clearanceEnds:yyyy-MM-dd}."));
        }

        if (screening.IntakeExpired || screening.IntakeValidUntil is { } intakeEnds && intakeEnds < sessionDate)
        {
            return (null, new OpeningRefusal(IntakeExpired, "The client's intake is out of date: it must be renewed before treatment."));
        }

        return (new ScreeningShown(status, screening.RegionsToAvoid, screening.Precautions, screening.ClearanceValidUntil, ruleSet, screenedAt), null);
    }
}

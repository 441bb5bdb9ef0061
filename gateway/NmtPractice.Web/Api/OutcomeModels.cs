namespace NmtPractice.Web.Api;

public sealed record FreshnessView(DateTimeOffset? LastEventAt, long ProcessedThrough, long PendingEvents);

public sealed record ClinicalOutcomeRowView(
    string Key, bool Suppressed, int? Clients, int? Sessions, double? MeanPainBefore, double? MeanPainAfter, double? MeanWithinSessionChange,
    int? SafetyFlags, int? Courses, int? CoursesReachingImprovement, double? ShareReachingImprovement, double? MeanSessionsToReach);

public sealed record ImprovementView(int MinimumPoints, int MinimumPercent);

public sealed record ClinicalOutcomesView(
    DateOnly From, DateOnly To, string By, ImprovementView Improvement, int MinimumGroupClients,
    IReadOnlyList<ClinicalOutcomeRowView> Rows, ClinicalOutcomeRowView Total, FreshnessView Freshness);

public sealed record UtilisationRowView(
    DateOnly PeriodStart, Guid LocationId, Guid? TherapistId, int AvailableMinutes, int BookedMinutes, double? Utilisation, bool Suppressed,
    int? Appointments, int? NoShows, double? NoShowRate, int? Cancellations, int? LateCancellations, double? LateCancellationRate,
    int? NewClients, int? ReturningClients, int? RemindedAppointments = null, double? NoShowRateReminded = null, double? NoShowRateNotReminded = null);

public sealed record OperationsView<TRow>(DateOnly From, DateOnly To, string Period, int MinimumGroupClients, IReadOnlyList<TRow> Rows, FreshnessView Freshness);

/// <summary>A signed session with a safety flag (ids and codes only).</summary>
public sealed record FlaggedSessionView(Guid SessionId, Guid LocationId, Guid? TherapistId, DateOnly SessionDate, int SafetyFlags, IReadOnlyList<string> FlaggedTechniques);

public sealed record SafetyFlagsView(DateOnly From, DateOnly To, IReadOnlyList<FlaggedSessionView> Sessions, FreshnessView Freshness);

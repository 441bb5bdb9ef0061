namespace NmtPractice.Testing.Practice;

// What the tests read back from outcome reporting's dashboards (see PracticeResponses.cs): only the
// fields they read. A figure a small group hides is null.

/// <summary>How current a dashboard view is.</summary>
public sealed record FreshnessView(DateTimeOffset? LastEventAt, long ProcessedThrough, long PendingEvents);

/// <summary>A dashboard view: it says how current it is.</summary>
public interface IDashboardView
{
    FreshnessView Freshness { get; }
}

/// <summary>Any dashboard view, of which only its currency is read.</summary>
public sealed record DashboardView(FreshnessView Freshness) : IDashboardView;

/// <summary>What counts as a meaningful drop in pain.</summary>
public sealed record ImprovementThresholdView(int MinimumPoints, int MinimumPercent);

/// <summary>The clinical figures of one group (a location, technique, therapist or month) or of all.</summary>
public sealed record ClinicalOutcomeRowView(
    string Key,
    bool Suppressed,
    int? Clients,
    int? Sessions,
    double? MeanPainBefore,
    double? MeanPainAfter,
    double? MeanWithinSessionChange,
    int? SafetyFlags,
    int? Courses,
    int? CoursesReachingImprovement,
    double? ShareReachingImprovement,
    double? MeanSessionsToReach);

/// <summary>The clinical outcomes dashboard.</summary>
public sealed record ClinicalOutcomesView(ImprovementThresholdView Improvement, IReadOnlyList<ClinicalOutcomeRowView> Rows, ClinicalOutcomeRowView Total, FreshnessView Freshness)
    : IDashboardView
{
    /// <summary>The row of one group, by its key.</summary>
    public ClinicalOutcomeRowView Row(string key) => Rows.Single(row => row.Key == key);
}

/// <summary>A session of a client's course of care.</summary>
public sealed record CourseSessionView(int Number, int PainBefore, int PainAfter, int WithinSessionChange, int ChangeFromBaseline);

/// <summary>A client's course of care: the baseline pain and when a meaningful drop was reached.</summary>
public sealed record CourseView(int? Baseline, IReadOnlyList<CourseSessionView> Sessions, int? ReachedAtSession, int? SessionsToReach);

/// <summary>A client's course of care as their clinician reads it.</summary>
public sealed record ClientCourseView(CourseView Course, FreshnessView Freshness) : IDashboardView;

/// <summary>A session whose techniques raised a safety flag.</summary>
public sealed record FlaggedSessionView(Guid SessionId, int SafetyFlags, IReadOnlyList<string> FlaggedTechniques);

/// <summary>The sessions behind the safety flags.</summary>
public sealed record SafetyFlagsView(IReadOnlyList<FlaggedSessionView> Sessions, FreshnessView Freshness) : IDashboardView;

/// <summary>An operations dashboard: a row per period (and group).</summary>
public sealed record OperationsView<TRow>(IReadOnlyList<TRow> Rows, FreshnessView Freshness) : IDashboardView;

/// <summary>Utilisation, no-shows, cancellations and new clients of a period.</summary>
public sealed record UtilisationRowView(
    DateOnly PeriodStart,
    Guid? TherapistId,
    int AvailableMinutes,
    int BookedMinutes,
    double? Utilisation,
    bool Suppressed,
    int? Appointments,
    int? NoShows,
    double? NoShowRate,
    int? Cancellations,
    int? LateCancellations,
    double? LateCancellationRate,
    int? NewClients,
    int? ReturningClients,
    int? RemindedAppointments = null,
    double? NoShowRateReminded = null,
    double? NoShowRateNotReminded = null);

/// <summary>Screening outcomes of a period.</summary>
public sealed record ScreeningOutcomeRowView(
    DateOnly PeriodStart,
    bool Suppressed,
    int? ClientsScreened,
    int? Cleared,
    int? ClearedWithPrecautions,
    int? PhysicianClearanceRequired,
    int? Contraindicated,
    double? ShareNeedingClearance,
    double? ShareContraindicated);

/// <summary>Waitlist offers and fills of a period.</summary>
public sealed record WaitlistActivityRowView(DateOnly PeriodStart, bool Suppressed, int? Offers, int? EntriesOffered, int? Fills, double? FillRate);

/// <summary>The bookings of a location's day.</summary>
public sealed record DailyBookingsRowView(Guid LocationId, DateOnly Date, int AppointmentsBooked, int BookedMinutes);

/// <summary>The daily bookings view.</summary>
public sealed record DailyBookingsView(IReadOnlyList<DailyBookingsRowView> Items, FreshnessView Freshness) : IDashboardView;

/// <summary>One read model of a rebuild.</summary>
public sealed record ReadModelRebuildView(string Name, string State, long EventsProcessed);

/// <summary>A rebuild of outcome reporting's read models.</summary>
public sealed record RebuildView(string State, IReadOnlyList<ReadModelRebuildView> ReadModels);

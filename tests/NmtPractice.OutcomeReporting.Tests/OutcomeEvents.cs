using NmtPractice.Contracts.Intake;
using NmtPractice.Contracts.Scheduling;
using NmtPractice.Contracts.TreatmentRecords;
using NmtPractice.Testing;

namespace NmtPractice.OutcomeReporting.Tests;

/// <summary>Builders of the integration events outcome reporting consumes, and helpers to read its views.</summary>
internal static class OutcomeEvents
{
    public static readonly DateTimeOffset LongAgo = new(2027, 1, 1, 8, 0, 0, TimeSpan.Zero);
    public static readonly TimeSpan NewYorkWinter = TimeSpan.FromHours(-5);
    public static readonly TimeSpan NewYorkSummer = TimeSpan.FromHours(-4);

    public static TechniqueSummary Technique(string kind, bool safetyFlag = false) =>
        new(kind, "upper-trapezius-right", "upper-trapezius", 3, 10, null, null, null, null, "firm", safetyFlag ? 8 : 5, safetyFlag, false);

    public static SessionSigned Signed(Guid client, Guid location, Guid? therapist, DateOnly date, int before, int after, params TechniqueSummary[] techniques) => new(
        Guid.CreateVersion7(), null, client, location, therapist, date, before, after, techniques,
        new Dictionary<string, int> { ["upper-trapezius-right"] = 1 }, techniques.Count(technique => technique.SafetyFlag),
        new DateTimeOffset(date.ToDateTime(new TimeOnly(18, 0)), TimeSpan.Zero));

    public static SessionAmended Amended(SessionSigned signed, int painAfter) => new(
        signed.SessionId, signed.AppointmentId, signed.ClientId, signed.LocationId, signed.TherapistId, signed.SessionDate, "assessment",
        signed.PainBefore, painAfter, signed.Techniques, signed.TriggerPointsByRegion, signed.SafetyFlags, signed.OccurredAt.AddHours(1));

    public static AppointmentBooked Booked(Guid client, Guid location, Guid therapist, DateTimeOffset startsAt, int minutes = 60, Guid? waitlistEntry = null) => new(
        Guid.CreateVersion7(), client, location, therapist, "NMT-60", startsAt, startsAt.AddMinutes(minutes), startsAt.AddDays(-7),
        Guid.CreateVersion7(), false, waitlistEntry);

    public static AppointmentCancelled Cancelled(AppointmentBooked booked, bool late) => new(
        booked.AppointmentId, booked.ClientId, booked.LocationId, booked.TherapistId, booked.ServiceCode, booked.StartsAt, booked.EndsAt,
        "client-request", late, booked.StartsAt.AddHours(late ? -2 : -72));

    public static AppointmentCompleted Completed(AppointmentBooked booked) => new(
        booked.AppointmentId, booked.ClientId, booked.LocationId, booked.TherapistId, booked.ServiceCode, booked.StartsAt, booked.EndsAt, booked.EndsAt);

    public static AppointmentMarkedNoShow NoShow(AppointmentBooked booked) => new(
        booked.AppointmentId, booked.ClientId, booked.LocationId, booked.TherapistId, booked.ServiceCode, booked.StartsAt, booked.EndsAt, booked.StartsAt.AddMinutes(20));

    public static AppointmentRescheduled Rescheduled(AppointmentBooked booked, Guid therapist, DateTimeOffset startsAt) => new(
        booked.AppointmentId, booked.ClientId, booked.LocationId, therapist, booked.RoomId, booked.ServiceCode, startsAt,
        startsAt.Add(booked.EndsAt - booked.StartsAt), booked.StartsAt, booked.OccurredAt.AddHours(1));

    public static ScreeningCompleted Screened(Guid client, Guid location, string status, DateTimeOffset at) =>
        new(client, location, status, [], [], null, DateOnly.FromDateTime(at.UtcDateTime).AddYears(1), "2026.1", at);

    public static WaitlistSlotOffered Offered(Guid entry, Guid client, Guid location, Guid therapist, DateTimeOffset startsAt) =>
        new(entry, client, location, therapist, "NMT-60", startsAt, startsAt.AddHours(1), startsAt.AddDays(-1));

    /// <summary>Reads a view until every stored event is reflected in it and <paramref name="ready"/> holds.</summary>
    public static Task<T> WaitForViewAsync<T>(this HttpClient client, string path, Func<T, bool> ready)
        where T : IDashboardView =>
        Eventually.ValueAsync(
            $"{path} to be current",
            () => client.ReadAsync<T>(path),
            body => body.Freshness.PendingEvents == 0 && ready(body));
}

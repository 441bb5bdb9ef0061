using System.Diagnostics;
using System.Globalization;
using JasperFx;
using JasperFx.Events;
using Marten;
using Npgsql;
using NmtPractice.Contracts.Scheduling;
using NmtPractice.Contracts.TreatmentRecords;
using Weasel.Core;

namespace NmtPractice.Benchmark;

/// <summary>Dashboard latency with a given history in outcome reporting's event store.</summary>
internal sealed record DashboardResult(long EventsInStore, string Query, int Requests, double P50, double P95, double P99);

/// <summary>How fast outcome reporting's projections took in a seeded history.</summary>
internal sealed record CatchUpResult(long Events, double Seconds)
{
    public double EventsPerSecond => Events / Seconds;
}

/// <summary>
/// Years of a chain's history, appended straight to outcome reporting's event store as the integration
/// events its consumers store (booked, checked in, completed, signed with pain scores): twenty other
/// locations, two years back, four events a visit. The running service's projections then take them in,
/// as they would a backfill, and the dashboards are timed with that history in the store.
/// </summary>
internal sealed class History(string connectionString) : IDisposable
{
    private const int Locations = 20;
    private const int TherapistsPerLocation = 5;
    private const int ClientsPerLocation = 200;
    private const int Days = 730;
    private const int VisitsPerBatch = 2500;
    private static readonly Guid[] LocationIds = [.. Enumerable.Range(0, Locations).Select(i => Guid.Parse($"0194f3b0-0000-7000-8000-{i + 1:x12}"))];
    private static readonly Guid[] TherapistIds = [.. Enumerable.Range(0, Locations * TherapistsPerLocation).Select(i => Guid.Parse($"0194f3b1-0000-7000-8000-{i + 1:x12}"))];

    private readonly DocumentStore _store = DocumentStore.For(options =>
    {
        options.Connection(connectionString);
        options.DatabaseSchemaName = "outcome_reporting";
        options.AutoCreateSchemaObjects = AutoCreate.None;
        options.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase);
        options.Events.StreamIdentity = StreamIdentity.AsGuid;
        options.Events.MetadataConfig.EnableAll();
    });

    private long _visits;

    /// <summary>One of the history's locations, for timing a whole year of one clinic.</summary>
    public static Guid BusiestLocation => LocationIds[0];

    public async Task<long> EventCountAsync()
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select count(*) from outcome_reporting.mt_events", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Appends visits until the store holds <paramref name="target"/> events, then awaits the projections.</summary>
    public async Task<CatchUpResult?> GrowToAsync(long target, TimeSpan limit)
    {
        var missing = target - await EventCountAsync();
        if (missing <= 0)
        {
            return null;
        }

        var visits = missing / 4;
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var clock = Stopwatch.StartNew();
        for (long done = 0; done < visits; done += VisitsPerBatch)
        {
            await using var session = _store.LightweightSession();
            for (var i = 0; i < Math.Min(VisitsPerBatch, visits - done); i++)
            {
                var n = _visits++;
                var location = (int)(n % Locations);
                var client = Guid.Parse($"0194f3b2-{location:x4}-7000-8000-{(n / Locations) % ClientsPerLocation:x12}");
                var therapist = TherapistIds[(location * TherapistsPerLocation) + (int)(n / Locations % TherapistsPerLocation)];
                var day = today.AddDays(-1 - (int)(n / Locations % Days));
                var startsAt = new DateTimeOffset(day.ToDateTime(new TimeOnly(8 + (int)(n % 10), 0)), TimeSpan.Zero);
                var endsAt = startsAt.AddMinutes(60);
                var visitOfClient = (int)(n / (Locations * ClientsPerLocation));
                var painBefore = Math.Max(2, 7 - Math.Min(visitOfClient, 4));
                var id = Guid.CreateVersion7();
                session.Events.StartStream(
                    id,
                    new AppointmentBooked(id, client, LocationIds[location], therapist, "NMT-60", startsAt, endsAt, startsAt.AddDays(-7)),
                    new AppointmentCheckedIn(id, client, LocationIds[location], therapist, "NMT-60", startsAt, endsAt, startsAt.AddMinutes(-5)),
                    new AppointmentCompleted(id, client, LocationIds[location], therapist, "NMT-60", startsAt, endsAt, endsAt),
                    new SessionSigned(id, id, client, LocationIds[location], therapist, day, painBefore, painBefore - 2, [], new Dictionary<string, int>(StringComparer.Ordinal) { ["neck-posterior"] = 1 }, 0, endsAt.AddMinutes(5)));
            }

            await session.SaveChangesAsync();
        }

        var appended = clock.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[bench] appended {visits * 4} events of history in {appended:F0} s; awaiting the projections"));
        clock.Restart();
        while (await BehindAsync() > 0)
        {
            if (clock.Elapsed > limit)
            {
                throw new TimeoutException($"Outcome reporting's projections did not take in the history within {limit.TotalSeconds:F0} s.");
            }

            await Task.Delay(500);
        }

        return new CatchUpResult(visits * 4, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Events the slowest read-model projection has still to take in.</summary>
    private async Task<long> BehindAsync()
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            select coalesce((select max(seq_id) from outcome_reporting.mt_events), 0)
                 - coalesce((select min(last_seq_id) from outcome_reporting.mt_event_progression where name like '%:All'), 0)
            """, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public void Dispose() => _store.Dispose();
}

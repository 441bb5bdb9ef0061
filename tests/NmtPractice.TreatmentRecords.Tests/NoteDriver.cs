using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NmtPractice.Contracts.Intake;
using NmtPractice.Contracts.Scheduling;
using NmtPractice.Testing;
using NmtPractice.TreatmentRecords.Practice;
using NmtPractice.TreatmentRecords.Screening;

namespace NmtPractice.TreatmentRecords.Tests;

/// <summary>What the session-note tests do through the real broker, database and HTTP API.</summary>
internal static class NoteDriver
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>Publishes a screening for a new client as intake would, and waits until treatment records holds it.</summary>
    public static async Task<Guid> ScreenedClientAsync(
        this ServiceFixture<Program> fixture, Guid location, string status = ScreeningStatuses.Cleared, string[]? avoid = null,
        DateOnly? clearanceValidUntil = null)
    {
        var client = Guid.CreateVersion7();
        await fixture.ScreenAsync(client, location, status, avoid, clearanceValidUntil);
        return client;
    }

    public static async Task ScreenAsync(
        this ServiceFixture<Program> fixture, Guid client, Guid location, string status, string[]? avoid = null, DateOnly? clearanceValidUntil = null)
    {
        var occurredAt = DateTimeOffset.UtcNow;
        await fixture.Bus.PublishAsync(
            new ScreeningCompleted(client, location, status, avoid ?? [], ["lighter-pressure"], clearanceValidUntil,
                DateOnly.FromDateTime(DateTime.UtcNow.AddYears(1)), "2026.1", occurredAt),
            Guid.CreateVersion7());
        await Eventually.UntilAsync(
            "the screening to reach treatment records",
            async () => (await fixture.Host.LoadAsync<ClientScreening>(client))?.ScreenedAt >= occurredAt.AddTicks(-10));
    }

    /// <summary>Publishes a booking as scheduling would, and waits until treatment records knows the appointment; its id.</summary>
    public static async Task<Guid> BookedAsync(this ServiceFixture<Program> fixture, Guid client, Guid location, Guid? therapist = null)
    {
        var appointment = Guid.CreateVersion7();
        var startsAt = DateTimeOffset.UtcNow.AddHours(1);
        await fixture.Bus.PublishAsync(
            new AppointmentBooked(appointment, client, location, therapist ?? Guid.CreateVersion7(), "NMT-60", startsAt, startsAt.AddHours(1), DateTimeOffset.UtcNow),
            Guid.CreateVersion7());
        await Eventually.UntilAsync(
            "the booking to reach treatment records",
            async () => await fixture.Host.LoadAsync<KnownAppointment>(appointment) is not null);
        return appointment;
    }

    /// <summary>Publishes a client's registration as intake would, and waits until treatment records knows where the client is registered.</summary>
    public static async Task RegisteredAsync(this ServiceFixture<Program> fixture, Guid client, Guid home)
    {
        await fixture.Bus.PublishAsync(new ClientRegistered(client, home, "Dana R.", DateTimeOffset.UtcNow), Guid.CreateVersion7());
        await Eventually.UntilAsync(
            "the registration to reach treatment records",
            async () => (await fixture.Host.LoadAsync<NmtPractice.ServiceDefaults.Clients.ClientReach>(client))?.HomeLocationId == home);
    }

    /// <summary>Waits until treatment records knows the client at <paramref name="location"/> (booked or treated there).</summary>
    public static Task KnownAtAsync(this ServiceFixture<Program> fixture, Guid client, Guid location) =>
        Eventually.UntilAsync(
            "the client's reach to include the location",
            async () => (await fixture.Host.LoadAsync<NmtPractice.ServiceDefaults.Clients.ClientReach>(client))?.KnownAt.Contains(location) == true);

    /// <summary>Publishes a therapist's registration, linked to a staff account, as scheduling would, and waits until treatment records holds it.</summary>
    public static async Task LinkedAsync(this ServiceFixture<Program> fixture, Guid therapist, string userId)
    {
        await fixture.Bus.PublishAsync(new TherapistRegistered(therapist, "Sam Whitaker", userId, DateTimeOffset.UtcNow), Guid.CreateVersion7());
        await Eventually.UntilAsync(
            "the therapist's staff account to reach treatment records",
            async () => (await fixture.Host.LoadAsync<TherapistAccount>(therapist))?.UserId == userId);
    }

    /// <summary>Publishes a therapist's weekly hours at a location as scheduling would, and waits until treatment records holds them.</summary>
    public static async Task HoursAsync(this ServiceFixture<Program> fixture, Guid therapist, Guid location, IReadOnlyList<WeeklyHours> hours)
    {
        var occurredAt = DateTimeOffset.UtcNow;
        await fixture.Bus.PublishAsync(new TherapistWorkingHoursSet(therapist, location, hours, occurredAt), Guid.CreateVersion7());
        await Eventually.UntilAsync("the hours to reach treatment records", async () =>
        {
            await using var session = fixture.Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
            return (await session.LoadAsync<TherapistAtLocation>(TherapistAtLocation.Key(therapist, location), Cancel))?.SetAt >= occurredAt.AddTicks(-10);
        });
    }

    public static async Task<T?> LoadAsync<T>(this WebApplicationFactory<Program> host, Guid id)
        where T : notnull
    {
        await using var session = host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return await session.LoadAsync<T>(id, Cancel);
    }

    public static async Task<long?> StreamVersionAsync(this WebApplicationFactory<Program> host, Guid id)
    {
        await using var session = host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return (await session.Events.FetchStreamStateAsync(id, Cancel))?.Version;
    }

    public static Task<HttpResponseMessage> OpenAsync(this HttpClient therapist, Guid client, Guid location, Guid? appointment = null) =>
        therapist.PostAsJsonAsync("/api/treatments/sessions", new OpenSessionNote(null, client, location, appointment), Cancel);

    /// <summary>Opens a note and returns its id and ETag, failing with the problem if it was refused.</summary>
    public static async Task<(Guid Id, string ETag)> OpenedAsync(this HttpClient therapist, Guid client, Guid location)
    {
        using var response = await therapist.OpenAsync(client, location);
        await EnsureAsync(response);
        return (await response.IdOfAsync(), response.Headers.ETag!.Tag);
    }

    public static Task<HttpResponseMessage> SendAsync(this HttpClient client, HttpMethod method, string path, object? body, string? etag)
    {
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = body is null ? null : JsonContent.Create(body) };
        if (etag is not null)
        {
            request.Headers.IfMatch.Add(new EntityTagHeaderValue(etag));
        }

        return client.SendAsync(request, Cancel);
    }

    public static Task<HttpResponseMessage> PutSectionAsync(this HttpClient therapist, Guid id, string section, object body, string? etag) =>
        therapist.SendAsync(HttpMethod.Put, $"/api/treatments/sessions/{id}/{section}", body, etag);

    /// <summary>Writes every section and returns the ETag after the last.</summary>
    public static async Task<string> WriteCompleteNoteAsync(this HttpClient therapist, Guid id, string etag, object? treatment = null)
    {
        foreach (var (section, body) in new[]
        {
            ("subjective", SessionNoteExamples.SubjectiveBody()),
            ("objective", SessionNoteExamples.ObjectiveBody()),
            ("treatment", treatment ?? SessionNoteExamples.TreatmentBody()),
            ("assessment", SessionNoteExamples.AssessmentBody()),
        })
        {
            using var response = await therapist.PutSectionAsync(id, section, body, etag);
            await EnsureAsync(response);
            etag = response.Headers.ETag!.Tag;
        }

        return etag;
    }

    /// <summary>The response's body as written, for the tests that look at the JSON itself.</summary>
    public static async Task<JsonElement> Json(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);

    /// <summary>The note (at a version or moment, with <paramref name="query"/>), failing with the problem if it cannot be read.</summary>
    public static Task<SessionNoteView> GetNoteAsync(this HttpClient client, Guid id, string query = "") => client.GetNoteAsync<SessionNoteView>(id, query);

    /// <summary>The note read as <typeparamref name="T"/> (a <see cref="JsonElement"/> for the whole document as written).</summary>
    public static async Task<T> GetNoteAsync<T>(this HttpClient client, Guid id, string query = "")
    {
        using var response = await client.GetAsync(new Uri($"/api/treatments/sessions/{id}{query}", UriKind.Relative), Cancel);
        await EnsureAsync(response);
        return await response.ReadAsync<T>();
    }

    public static async Task EnsureAsync(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Cancel)}");
        }
    }

    public static async Task<List<AuditRow>> AuditRowsAsync(this ServiceFixture<Program> fixture, string resourceId)
    {
        await using var connection = new NpgsqlConnection(fixture.Database.ConnectionString);
        await connection.OpenAsync(Cancel);
        await using var command = new NpgsqlCommand(
            "select action, outcome, user_id, location_id, client_id, occurred_at from treatment_records.audit_log where resource_id = @id order by occurred_at",
            connection);
        command.Parameters.AddWithValue("id", resourceId);
        var rows = new List<AuditRow>();
        await using var reader = await command.ExecuteReaderAsync(Cancel);
        while (await reader.ReadAsync(Cancel))
        {
            rows.Add(new AuditRow(
                reader.GetString(0), reader.GetString(1), reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetGuid(3), reader.IsDBNull(4) ? null : reader.GetGuid(4), reader.GetFieldValue<DateTimeOffset>(5)));
        }

        return rows;
    }
}

internal sealed record AuditRow(string Action, string Outcome, string UserId, Guid? LocationId, Guid? ClientId, DateTimeOffset OccurredAt);

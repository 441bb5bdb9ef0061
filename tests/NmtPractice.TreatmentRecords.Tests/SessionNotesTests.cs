using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using NmtPractice.Contracts.Security;

namespace NmtPractice.TreatmentRecords.Tests;

/// <summary>Session notes: who may open, read and change them, optimistic concurrency, and the audit of every access.</summary>
public sealed class SessionNotesTests(TreatmentRecordsFixture fixture) : IClassFixture<TreatmentRecordsFixture>
{
    private readonly Guid _location = Guid.CreateVersion7();

    private async Task<(Guid Id, HttpResponseMessage Response)> OpenAsync(HttpClient therapist, Guid? location = null)
    {
        var response = await therapist.PostAsJsonAsync(
            "/api/treatments/sessions",
            new { clientId = Guid.CreateVersion7(), locationId = location ?? _location, appointmentId = Guid.CreateVersion7() },
            TestContext.Current.CancellationToken);
        var id = response.IsSuccessStatusCode
            ? (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetGuid()
            : Guid.Empty;
        return (id, response);
    }

    [Fact]
    public async Task A_therapist_opens_a_note_at_their_location_only()
    {
        using var therapist = fixture.Host.CreateClientAs(NmtRoles.Therapist, _location);

        var (_, here) = await OpenAsync(therapist);
        var (_, elsewhere) = await OpenAsync(therapist, Guid.CreateVersion7());

        Assert.Equal(HttpStatusCode.Created, here.StatusCode);
        Assert.Equal("\"1\"", here.Headers.ETag?.Tag);
        Assert.Equal(HttpStatusCode.Forbidden, elsewhere.StatusCode);
    }

    [Theory]
    [InlineData(NmtRoles.FrontDesk)]
    [InlineData(NmtRoles.ClinicManager)]
    [InlineData(NmtRoles.OperationsAdmin)]
    public async Task Only_therapists_open_notes(string role)
    {
        using var client = fixture.Host.CreateClientAs(role, _location);

        var (_, response) = await OpenAsync(client);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Every_read_is_audited_with_who_what_and_when()
    {
        using var therapist = fixture.Host.CreateClientAs(NmtRoles.Therapist, _location);
        var (id, _) = await OpenAsync(therapist);
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        using var read = await therapist.GetAsync(new Uri($"/api/treatments/sessions/{id}", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var rows = await AuditRowsAsync(id);
        var created = Assert.Single(rows, row => row.Action == "create");
        var audited = Assert.Single(rows, row => row.Action == "read");
        Assert.Equal("allowed", audited.Outcome);
        Assert.Equal(created.UserId, audited.UserId);
        Assert.StartsWith("test-user-", audited.UserId, StringComparison.Ordinal);
        Assert.Equal(_location, audited.LocationId);
        Assert.InRange(audited.OccurredAt, before, DateTimeOffset.UtcNow.AddSeconds(1));
    }

    [Fact]
    public async Task A_read_from_another_location_is_refused_and_the_refusal_audited()
    {
        using var therapist = fixture.Host.CreateClientAs(NmtRoles.Therapist, _location);
        using var otherManager = fixture.Host.CreateClientAs(NmtRoles.ClinicManager, Guid.CreateVersion7());
        var (id, _) = await OpenAsync(therapist);

        using var read = await otherManager.GetAsync(new Uri($"/api/treatments/sessions/{id}", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        var refused = Assert.Single(await AuditRowsAsync(id), row => row.Action == "read");
        Assert.Equal("denied", refused.Outcome);
    }

    [Fact]
    public async Task Front_desk_and_operations_admins_do_not_read_notes()
    {
        using var therapist = fixture.Host.CreateClientAs(NmtRoles.Therapist, _location);
        var (id, _) = await OpenAsync(therapist);

        foreach (var role in new[] { NmtRoles.FrontDesk, NmtRoles.OperationsAdmin })
        {
            using var client = fixture.Host.CreateClientAs(role, _location);
            using var read = await client.GetAsync(new Uri($"/api/treatments/sessions/{id}", UriKind.Relative), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        }

        // Refused by role before the handler ran: audited against the path asked for.
        var refusals = await AuditRowsAsync($"/api/treatments/sessions/{id}");
        Assert.Equal(2, refusals.Count);
        Assert.All(refusals, row => Assert.Equal("denied", row.Outcome));
    }

    [Fact]
    public async Task Changes_need_the_current_version_in_if_match()
    {
        using var therapist = fixture.Host.CreateClientAs(NmtRoles.Therapist, _location);
        var (id, opened) = await OpenAsync(therapist);
        var subjective = new { chiefComplaint = "Tension headache, right upper trapezius", painBefore = 6 };

        using var missing = await SendSubjectiveAsync(therapist, id, subjective, etag: null);
        using var first = await SendSubjectiveAsync(therapist, id, subjective, opened.Headers.ETag!.Tag);
        using var stale = await SendSubjectiveAsync(therapist, id, subjective with { painBefore = 7 }, opened.Headers.ETag!.Tag);
        using var read = await therapist.GetAsync(new Uri($"/api/treatments/sessions/{id}", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal((HttpStatusCode)428, missing.StatusCode);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("\"2\"", first.Headers.ETag?.Tag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        var note = await read.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(6, note.GetProperty("subjective").GetProperty("painBefore").GetInt32());
        Assert.Equal("\"2\"", read.Headers.ETag?.Tag);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(-1)]
    public async Task Pain_outside_0_to_10_is_a_400_and_changes_nothing(int pain)
    {
        using var therapist = fixture.Host.CreateClientAs(NmtRoles.Therapist, _location);
        var (id, opened) = await OpenAsync(therapist);

        using var response = await SendSubjectiveAsync(therapist, id, new { chiefComplaint = "Low back pain", painBefore = pain }, opened.Headers.ETag!.Tag);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.True(problem.GetProperty("errors").TryGetProperty("painBefore", out _));
        using var read = await therapist.GetAsync(new Uri($"/api/treatments/sessions/{id}", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal("\"1\"", read.Headers.ETag?.Tag);
    }

    [Fact]
    public async Task The_audit_log_refuses_updates_deletes_and_truncation()
    {
        using var therapist = fixture.Host.CreateClientAs(NmtRoles.Therapist, _location);
        await OpenAsync(therapist);
        await using var connection = new NpgsqlConnection(fixture.Database.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);

        foreach (var sql in new[]
        {
            "update treatment_records.audit_log set user_id = 'someone-else'",
            "delete from treatment_records.audit_log",
            "truncate treatment_records.audit_log",
        })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            var error = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken));
            Assert.Contains("append-only", error.MessageText, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Operations_admins_query_the_audit_log_and_others_may_not()
    {
        using var therapist = fixture.Host.CreateClientAs(NmtRoles.Therapist, _location);
        var (id, _) = await OpenAsync(therapist);
        using var admin = fixture.Host.CreateClientAs(NmtRoles.OperationsAdmin);
        var from = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(-1).ToString("O"));
        var to = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(1).ToString("O"));
        var query = new Uri($"/api/treatments/audit?from={from}&to={to}&resourceId={id}", UriKind.Relative);

        var rows = await admin.GetFromJsonAsync<JsonElement>(query, TestContext.Current.CancellationToken);
        using var refused = await therapist.GetAsync(query, TestContext.Current.CancellationToken);

        var row = Assert.Single(rows.EnumerateArray());
        Assert.Equal("create", row.GetProperty("action").GetString());
        Assert.Equal("session-note", row.GetProperty("resourceType").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    private static Task<HttpResponseMessage> SendSubjectiveAsync(HttpClient client, Guid id, object body, string? etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, new Uri($"/api/treatments/sessions/{id}/subjective", UriKind.Relative))
        {
            Content = JsonContent.Create(body),
        };
        if (etag is not null)
        {
            request.Headers.IfMatch.Add(new EntityTagHeaderValue(etag));
        }

        return client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private Task<List<AuditRow>> AuditRowsAsync(Guid resourceId) => AuditRowsAsync(resourceId.ToString());

    private async Task<List<AuditRow>> AuditRowsAsync(string resourceId)
    {
        await using var connection = new NpgsqlConnection(fixture.Database.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(
            "select action, outcome, user_id, location_id, client_address, occurred_at from treatment_records.audit_log where resource_id = @id order by occurred_at",
            connection);
        command.Parameters.AddWithValue("id", resourceId);
        var rows = new List<AuditRow>();
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            rows.Add(new AuditRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetGuid(3), reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetFieldValue<DateTimeOffset>(5)));
        }

        return rows;
    }

    private sealed record AuditRow(string Action, string Outcome, string UserId, Guid? LocationId, string? ClientAddress, DateTimeOffset OccurredAt);
}

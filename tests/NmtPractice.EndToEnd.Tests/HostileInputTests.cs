using Npgsql;
using NmtPractice.Testing;

namespace NmtPractice.EndToEnd.Tests;

/// <summary>
/// Malformed, oversized, wrong-typed and boundary variants of every endpoint's request, sent by a
/// user allowed to call it: never a 5xx, and a refused request writes nothing (no event in any
/// service's store carries its correlation id).
/// </summary>
[Collection(RunningSystemCollection.Name)]
public sealed class HostileInputTests(RunningSystem system)
{
    private static readonly (string Service, string Schema)[] Stores =
    [
        ("scheduling", "scheduling"), ("intake", "intake"), ("treatment-records", "treatment_records"), ("outcome-reporting", "outcome_reporting"), ("notifications", "notifications"),
    ];

    public static TheoryData<string, string> Endpoints()
    {
        var data = new TheoryData<string, string>();
        foreach (var row in AuthorizationMatrixTests.Rows)
        {
            data.Add(row.Method, row.Path);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Hostile_requests_are_refused_cleanly_and_write_nothing(string method, string path)
    {
        var row = AuthorizationMatrixTests.Rows.Single(r => r.Method == method && r.Path == path);
        var objects = await MatrixObjects.GetAsync(system);
        // An endpoint only clients call gets its hostile requests as the signed-in client would send them, on their own records.
        var portal = row.Roles.Length == 0 && row.ForClient is not null ? await PortalClient.SharedAsync(system) : null;
        using var template = portal is not null
            ? await row.ForClient!(objects, new AuthorizationMatrixTests.ClientTarget(portal.Id, portal.Appointment))
            : await row.Request(objects, E2EPractice.BackBay);
        var templateBody = template.Content is null ? null : await template.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var uri = template.RequestUri!.ToString();
        var (basePath, query) = uri.Contains('?', StringComparison.Ordinal) ? (uri[..uri.IndexOf('?', StringComparison.Ordinal)], uri[uri.IndexOf('?', StringComparison.Ordinal)..]) : (uri, "");
        // Body variants go to the original address; query variants keep the original body.
        var variants = new List<(HostileVariant Variant, string Address)>();
        if (templateBody is not null)
        {
            variants.AddRange(HostileInputs.ForBody(templateBody).Select(variant => (variant, uri)));
        }

        variants.AddRange(HostileInputs.ForQuery(query).Select(variant => (variant, basePath + variant.Query)));
        if (variants.Count == 0)
        {
            // Nothing to vary (a GET without parameters): a garbage id in the path, where there is one.
            var garbled = System.Text.RegularExpressions.Regex.Replace(basePath, "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "not-a-guid");
            variants.Add((new HostileVariant("a garbage id in the path", null, null), garbled));
        }

        // Endpoints no role may call (the SMS gateway's) get their hostile requests from an admin: refused all the same, never a 5xx.
        using var client = portal is not null
            ? system.CreateGatewayClient().WithToken(portal.Tokens.AccessToken)
            : await system.ClientForAsync(AuthorizationMatrixTests.Users[row.Roles.FirstOrDefault() ?? "operations-admin"]);
        var refused = new List<string>();
        var failures = new List<string>();
        foreach (var (variant, address) in variants)
        {
            var correlation = $"hostile-{Guid.NewGuid():N}";
            using var request = new HttpRequestMessage(new HttpMethod(method), address);
            if ((variant.Body ?? templateBody) is { } body)
            {
                request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
            }

            foreach (var header in template.Headers.Where(header => header.Key == "If-Match"))
            {
                request.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            request.Headers.TryAddWithoutValidation("X-Correlation-Id", correlation);

            // The gateway refuses an oversized body as soon as it sees its length: ask before sending it.
            request.Headers.ExpectContinue = true;
            HttpResponseMessage response;
            try
            {
                response = await client.SendAsync(request, TestContext.Current.CancellationToken);
            }
            catch (HttpRequestException closed) when (variant.Name == HostileInputs.Oversized && closed.InnerException is IOException)
            {
                // Refused before the body was read, and the connection closed: nothing was written.
                refused.Add(correlation);
                continue;
            }

            using var _ = response;
            if ((int)response.StatusCode >= 500)
            {
                failures.Add($"{variant.Name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
            }
            else if (!response.IsSuccessStatusCode)
            {
                refused.Add(correlation);
            }
        }

        Assert.True(failures.Count == 0, $"{method} {path}:{Environment.NewLine}{string.Join(Environment.NewLine, failures)}");
        Assert.Equal(0, await EventsWithCorrelationAsync(refused));
    }

    public static TheoryData<string> HostileEmails() =>
    [
        new string('a', 300) + "@example.org",
        "<script>alert(1)</script>@example.org",
        "robert'); DROP TABLE identity.client_sign_in_codes;--@example.org",
        "nul\u0000byte@example.org",
        "ünïcødé@例え.jp",
        "a@b",
        "@",
    ];

    /// <summary>
    /// The client sign-in pages (public, no token): hostile addresses and codes get a page with a clear
    /// message, never a 5xx; what was typed comes back encoded, never as markup; and nothing is sent.
    /// </summary>
    [Theory]
    [MemberData(nameof(HostileEmails))]
    public async Task Hostile_sign_in_forms_are_answered_with_a_page_never_a_server_error(string email)
    {
        email = System.Text.RegularExpressions.Regex.Unescape(email);
        using var browser = PortalSignIn.Browser(system.Gateway.BaseAddress);

        var asked = await PortalSignIn.RequestCodeAsync(browser, email);

        Assert.True((int)asked.Status < 500, $"{(int)asked.Status}: {asked.Html}");
        Assert.DoesNotContain("<script>alert(1)</script>", asked.Html, StringComparison.Ordinal);
        Assert.Contains(asked.Status, new[] { System.Net.HttpStatusCode.OK, System.Net.HttpStatusCode.BadRequest });
        if (asked.RequestId is not null)
        {
            foreach (var code in new[] { new string('9', 5000), "12345\u0000", "<b>123456</b>", "-1", "１２３４５６" })
            {
                var tried = await PortalSignIn.EnterCodeAsync(browser, asked, System.Text.RegularExpressions.Regex.Unescape(code));
                Assert.True((int)tried.Status < 500 && tried.Location is null, $"code {code[..Math.Min(code.Length, 12)]}: {(int)tried.Status}");
            }
        }

        Assert.Empty(await system.Mail.MessagesToAsync(email));
    }

    /// <summary>Events in any service's store that carry one of the correlation ids.</summary>
    private async Task<long> EventsWithCorrelationAsync(IReadOnlyList<string> correlations)
    {
        var total = 0L;
        foreach (var (service, schema) in Stores)
        {
            await using var connection = new NpgsqlConnection(system.Database(service).ConnectionString);
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var command = new NpgsqlCommand($"select count(*) from {schema}.mt_events where correlation_id = any(@ids)", connection);
            command.Parameters.AddWithValue("ids", correlations.ToArray());
            total += (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
        }

        return total;
    }
}

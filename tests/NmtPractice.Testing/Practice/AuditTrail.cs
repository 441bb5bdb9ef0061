using Microsoft.IdentityModel.JsonWebTokens;

namespace NmtPractice.Testing.Practice;

/// <summary>Reading a service's audit log back through its admin API, and who a test client calls as.</summary>
public static class AuditTrail
{
    /// <summary>The audit rows of the last day of service <paramref name="service"/> (its route name), optionally of one object.</summary>
    public static Task<IReadOnlyList<AuditEntryView>> AuditAsync(this HttpClient admin, string service, string? resourceId = null)
    {
        var now = DateTimeOffset.UtcNow;
        var path = $"/api/{service}/audit?from={Uri.EscapeDataString(now.AddDays(-1).ToString("O"))}&to={Uri.EscapeDataString(now.AddDays(1).ToString("O"))}";
        return admin.ReadAsync<IReadOnlyList<AuditEntryView>>(resourceId is null ? path : $"{path}&resourceId={Uri.EscapeDataString(resourceId)}");
    }

    /// <summary>The subject (<c>sub</c>) of the bearer token <paramref name="client"/> calls with.</summary>
    public static string Subject(this HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        var token = client.DefaultRequestHeaders.Authorization?.Parameter ?? throw new InvalidOperationException("The client sends no bearer token.");
        return new JsonWebToken(token).Subject;
    }
}

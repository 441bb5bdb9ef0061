using System.Security.Claims;
using NmtPractice.Contracts.Security;
using NmtPractice.Web.Api;

namespace NmtPractice.Web.Components.Portal;

/// <summary>One of the client records a signed-in client reaches (their own, or a child's on the same email), with the name to show.</summary>
public sealed record PortalRecord(Guid Id, string Name);

/// <summary>What the portal's pages know of the signed-in client: the records their sign-in opens, by name.</summary>
internal static class PortalClient
{
    /// <summary>The records of the sign-in (the token's <c>nmt_client</c> claims), named from intake; those intake does not answer for are left out.</summary>
    public static async Task<IReadOnlyList<PortalRecord>> RecordsAsync(ClaimsPrincipal user, GatewayApi api, CancellationToken cancellationToken = default)
    {
        var records = new List<PortalRecord>();
        foreach (var id in user.FindAll(NmtClaims.Client).Select(claim => Guid.TryParse(claim.Value, out var parsed) ? parsed : Guid.Empty).Where(id => id != Guid.Empty).Distinct())
        {
            var client = await api.GetAsync<ClientView>($"api/intake/clients/{id}", cancellationToken);
            if (client.Value is { } found)
            {
                records.Add(new PortalRecord(found.Id, $"{found.Name.Preferred ?? found.Name.Given} {found.Name.Family}"));
            }
        }

        return records;
    }
}

using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using NmtPractice.Contracts.Security;

namespace NmtPractice.Testing;

/// <summary>
/// Access tokens for in-process service tests, signed with a key of this test run that the hosts
/// are configured to trust (<c>Auth:Issuer</c>, <c>Auth:SigningKeys</c>). End-to-end tests use the
/// gateway's real identity server instead.
/// </summary>
public static class TestTokens
{
    public const string Issuer = "https://identity.tests.nmtpractice.invalid/";

    private static readonly RSA Key = RSA.Create(2048);

    /// <summary>The PEM public key the hosts trust.</summary>
    public static string PublicKeyPem { get; } = Key.ExportSubjectPublicKeyInfoPem();

    /// <summary>A signed access token for a user in <paramref name="role"/> at <paramref name="locations"/>.</summary>
    public static string For(string role, params Guid[] locations) => Create(
        [new Claim(NmtClaims.Role, role), .. locations.Select(location => new Claim(NmtClaims.Location, location.ToString()))],
        NmtClaims.ApiAudience,
        Issuer);

    /// <summary>
    /// A token valid both now and at <paramref name="alsoValidAt"/>, for hosts whose clock a test
    /// moves (whichever clock validates it, the token is current).
    /// </summary>
    public static string ForClock(DateTimeOffset alsoValidAt, string role, params Guid[] locations)
    {
        var earliest = new[] { DateTime.UtcNow, alsoValidAt.UtcDateTime }.Min();
        var latest = new[] { DateTime.UtcNow, alsoValidAt.UtcDateTime }.Max();
        return Create(
            [new Claim(NmtClaims.Role, role), .. locations.Select(location => new Claim(NmtClaims.Location, location.ToString()))],
            NmtClaims.ApiAudience,
            Issuer,
            expires: latest.AddMinutes(10),
            notBefore: earliest.AddMinutes(-10));
    }

    /// <summary>A service account's token (client credentials: the subject is the client id) with a role at locations.</summary>
    public static string ForServiceAccount(string clientId, string role, params Guid[] locations) => Create(
        [new Claim(NmtClaims.Subject, clientId), new Claim("client_id", clientId), new Claim(NmtClaims.Role, role), .. locations.Select(location => new Claim(NmtClaims.Location, location.ToString()))],
        NmtClaims.ApiAudience,
        Issuer);

    /// <summary>A client's token (the portal's): the role <c>client</c> and the client records it reaches.</summary>
    public static string ForClient(params Guid[] clientIds) => Create(
        [new Claim(NmtClaims.Subject, $"client:{Guid.NewGuid():N}"), new Claim(NmtClaims.Role, NmtRoles.Client), .. clientIds.Select(id => new Claim(NmtClaims.Client, id.ToString()))],
        NmtClaims.ApiAudience,
        Issuer);

    /// <summary>A token with any claims, audience and issuer (to prove what services refuse).</summary>
    public static string Create(IEnumerable<Claim> claims, string audience, string issuer, DateTime? expires = null, RSA? key = null, DateTime? notBefore = null)
    {
        var given = claims.ToList();
        var subject = new ClaimsIdentity(given.Any(claim => claim.Type == NmtClaims.Subject)
            ? [new Claim(NmtClaims.Name, "Test User"), .. given]
            : [new Claim(NmtClaims.Subject, $"test-user-{Guid.NewGuid():N}"), new Claim(NmtClaims.Name, "Test User"), .. given]);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Subject = subject,
            NotBefore = notBefore ?? (expires ?? DateTime.UtcNow.AddMinutes(10)).AddMinutes(-20),
            Expires = expires ?? DateTime.UtcNow.AddMinutes(10),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(key ?? Key), SecurityAlgorithms.RsaSha256),
        });
    }

    /// <summary>Sets the bearer token on a client.</summary>
    public static HttpClient WithToken(this HttpClient client, string token)
    {
        ArgumentNullException.ThrowIfNull(client);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}

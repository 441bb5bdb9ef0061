using System.Net;
using System.Net.Http.Headers;
using System.Text;
using NmtPractice.Testing;

namespace NmtPractice.ServiceDefaults.Tests;

/// <summary>The local broker keeps no default administrator: <c>guest</c> could read every user and publish forged events.</summary>
public sealed class BrokerAccessTests
{
    [Fact]
    public async Task The_default_guest_administrator_does_not_exist()
    {
        var infrastructure = TestInfrastructure.Current;
        using var asGuest = Management("guest", "guest");
        using var asAdmin = Management(infrastructure.RabbitUser, infrastructure.RabbitPassword);

        using var whoAmI = await asGuest.GetAsync(new Uri("api/whoami", UriKind.Relative), TestContext.Current.CancellationToken);
        using var guest = await asAdmin.GetAsync(new Uri("api/users/guest", UriKind.Relative), TestContext.Current.CancellationToken);
        using var admin = await asAdmin.GetAsync(new Uri("api/whoami", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, whoAmI.StatusCode);
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, guest.StatusCode);
    }

    private static HttpClient Management(string user, string password)
    {
        var client = new HttpClient { BaseAddress = TestInfrastructure.Current.RabbitManagement };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        return client;
    }
}

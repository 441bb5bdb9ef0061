using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NmtPractice.Testing;

namespace NmtPractice.EndToEnd.Tests;

/// <summary>
/// Managers and operations admins sign in with a second factor (an authenticator app's code): a new
/// manager sets it up at her first sign-in and gets recovery codes; afterwards the password alone opens
/// nothing, a wrong code is refused, a recovery code works once, and a forced reset makes her set it up
/// again. Staff who manage nothing sign in with their password.
/// </summary>
[Collection(RunningSystemCollection.Name)]
public sealed class TwoFactorSignInTests(RunningSystem system)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_new_manager_sets_up_her_authenticator_at_first_sign_in_and_then_needs_its_code_or_a_recovery_code_once()
    {
        await E2EPractice.OfAsync(system);
        using var admin = await system.ClientForAsync("ops.admin");
        var (id, email, password) = await StaffAccountsForTests.InviteAsync(system, admin, "clinic-manager", E2EPractice.Cambridge);

        var (first, key, recoveryCodes) = await OidcSignIn.SignInEnrollingAsync(system.Gateway.BaseAddress, email, password, "nmt-web", RunningSystem.RedirectUri);
        Assert.NotEmpty(first.AccessToken);
        Assert.Equal(10, recoveryCodes.Count);
        Assert.Equal(10, recoveryCodes.Distinct().Count());
        using (var read = await admin.GetAsync($"api/staff/{id}", Cancel))
        {
            Assert.True((await read.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("twoFactorEnabled").GetBoolean());
        }

        // The password alone now leads to the code step, and a wrong code to a refusal.
        var wrong = await CodeStepAsync(email, password, WrongCode(key));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.Status);
        Assert.Contains("That code is not right", wrong.Html, StringComparison.Ordinal);

        var withCode = await OidcSignIn.SignInAsync(system.Gateway.BaseAddress, email, password, "nmt-web", RunningSystem.RedirectUri, key);
        Assert.NotEmpty(withCode.AccessToken);

        // A recovery code signs in once.
        var recovered = await CodeStepAsync(email, password, recoveryCodes[3]);
        Assert.Equal(HttpStatusCode.Redirect, recovered.Status);
        var reused = await CodeStepAsync(email, password, recoveryCodes[3]);
        Assert.Equal(HttpStatusCode.Unauthorized, reused.Status);

        // A forced reset (a lost phone) turns it off: the next sign-in sets it up again with a new key.
        using var reset = await admin.PostAsJsonAsync($"api/staff/{id}/password-reset", new { }, Cancel);
        var link = new Uri((await reset.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("link").GetString()!);
        const string renewed = "willow ember harbour quietly";
        await StaffAccountsForTests.SetPasswordAsync(system, link, renewed);
        var (_, newKey, _) = await OidcSignIn.SignInEnrollingAsync(system.Gateway.BaseAddress, email, renewed, "nmt-web", RunningSystem.RedirectUri);
        Assert.NotEqual(key, newKey);

        var audit = await ActionsAsync(id);
        Assert.Contains("two-factor-enrolled", audit);
        Assert.Contains("sign-in-two-factor", audit);
        Assert.Contains("sign-in-wrong-code", audit);
        Assert.Contains("sign-in-recovery-code", audit);
        Assert.Equal(2, audit.Count(action => action == "two-factor-enrolled"));
    }

    [Fact]
    public async Task Staff_who_manage_nothing_sign_in_with_their_password_alone_and_the_demo_managers_with_a_code()
    {
        await E2EPractice.OfAsync(system);
        using var admin = await system.ClientForAsync("ops.admin");
        var (_, email, password) = await StaffAccountsForTests.InviteAsync(system, admin, "front-desk", E2EPractice.BackBay);

        Assert.NotEmpty((await OidcSignIn.SignInAsync(system.Gateway.BaseAddress, email, password, "nmt-web", RunningSystem.RedirectUri)).AccessToken);
        var manager = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            OidcSignIn.SignInAsync(system.Gateway.BaseAddress, "manager.backbay", system.DemoPassword, "nmt-web", RunningSystem.RedirectUri));
        Assert.Contains("second factor", manager.Message, StringComparison.Ordinal);
        Assert.NotEmpty((await OidcSignIn.SignInAsync(system.Gateway.BaseAddress, "manager.backbay", system.DemoPassword, "nmt-web", RunningSystem.RedirectUri, system.DemoAuthenticatorKey)).AccessToken);
    }

    private static string WrongCode(string key)
    {
        var right = int.Parse(Totp.Code(key), System.Globalization.CultureInfo.InvariantCulture);
        return ((right + 500_000) % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The login page with the password, then the code step with <paramref name="code"/>: that step's answer.</summary>
    private async Task<(HttpStatusCode Status, string Html)> CodeStepAsync(string email, string password, string code)
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() };
        using var browser = new HttpClient(handler) { BaseAddress = system.Gateway.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        using var loginPage = await browser.GetAsync("account/login", Cancel);
        using var login = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = OidcSignIn.FormField(await loginPage.Content.ReadAsStringAsync(Cancel), "__RequestVerificationToken"),
            ["userName"] = email,
            ["password"] = password,
            ["returnUrl"] = "/app/",
        });
        using var passwordOk = await browser.PostAsync("account/login", login, Cancel);
        Assert.StartsWith("/account/two-factor", passwordOk.Headers.Location!.OriginalString, StringComparison.Ordinal);
        using var codePage = await browser.GetAsync(passwordOk.Headers.Location, Cancel);
        using var entered = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = OidcSignIn.FormField(await codePage.Content.ReadAsStringAsync(Cancel), "__RequestVerificationToken"),
            ["returnUrl"] = "/app/",
            ["code"] = code,
        });
        using var answer = await browser.PostAsync("account/two-factor", entered, Cancel);
        return (answer.StatusCode, await answer.Content.ReadAsStringAsync(Cancel));
    }

    private async Task<List<string>> ActionsAsync(string userId) =>
        [.. (await StaffAccountsForTests.AuditAsync(system, userId)).Select(row => row.Action)];
}

using NmtPractice.Testing;
using NmtPractice.Testing.Practice;

namespace NmtPractice.EndToEnd.Tests;

/// <summary>
/// A client of the end-to-end practice who signs in to the portal: registered at Back Bay with an
/// email address, booked once (so that notifications knows the address: the booking's confirmation
/// has reached the mail server), and signed in by the code emailed to them.
/// </summary>
internal sealed record PortalClient(Guid Id, string Email, Guid Appointment, TokenResponse Tokens)
{
    /// <summary>When <see cref="Tokens"/> were issued.</summary>
    public DateTimeOffset ObtainedAt { get; init; } = DateTimeOffset.UtcNow;

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static PortalClient? _shared;

    /// <summary>One client for the whole run (the matrix's client column); tokens renewed when old.</summary>
    public static async Task<PortalClient> SharedAsync(RunningSystem system)
    {
        await Gate.WaitAsync();
        try
        {
            _shared ??= await NewAsync(system, "Portia");
            if (DateTimeOffset.UtcNow - _shared.ObtainedAt > TimeSpan.FromMinutes(10))
            {
                // Access tokens last 15 minutes: a client's refresh token renews them as it would in the portal.
                var (status, renewed) = await OidcSignIn.RefreshAsync(system.Gateway.BaseAddress, _shared.Tokens.RefreshToken!, PortalSignIn.ClientId);
                _shared = _shared with { Tokens = renewed ?? throw new InvalidOperationException($"Refreshing the client's token answered {(int)status}."), ObtainedAt = DateTimeOffset.UtcNow };
            }

            return _shared;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>A new client with an address of their own, known to notifications, signed in.</summary>
    public static async Task<PortalClient> NewAsync(RunningSystem system, string givenName)
    {
        ArgumentNullException.ThrowIfNull(system);
        var (id, email, appointment) = await KnownByEmailAsync(system, givenName);
        var tokens = await PortalSignIn.SignInAsync(system.Gateway.BaseAddress, email, RunningSystem.RedirectUri, () => NewestCodeAsync(system, email, 1));
        return new PortalClient(id, email, appointment, tokens);
    }

    /// <summary>
    /// A registered, booked client whose address notifications knows (the confirmation went to it);
    /// with <paramref name="screened"/> false, one who has not answered the health questions yet.
    /// </summary>
    public static async Task<(Guid Id, string Email, Guid Appointment)> KnownByEmailAsync(RunningSystem system, string givenName, bool screened = true)
    {
        ArgumentNullException.ThrowIfNull(system);
        var practice = await E2EPractice.OfAsync(system);
        using var desk = await system.ClientForAsync("frontdesk.backbay");
        var email = $"{givenName.ToLowerInvariant()}.{Guid.NewGuid():N}@example.org";
        var id = await PracticeBuilder.RegisterClientAsync(
            desk,
            new RegisterClient(null, E2EPractice.BackBay, new ClientName(givenName, "Portal"), new DateOnly(1988, 6, 1), new ClientContact(email), Messages: new MessagePreferences(true, false)),
            screened ? new AnswerIntake(E2EPractice.ClearAnswers) : null,
            screened ? GiveConsent.ToTreatment($"{givenName} Portal", DateOnly.FromDateTime(DateTime.UtcNow)) : null,
            TestContext.Current.CancellationToken);
        var appointment = await practice.BookAtAsync(E2EPractice.BackBay, practice.NextStart(), desk, id);
        await Eventually.UntilAsync(
            "the booking's confirmation reaches the client's address", async () => (await system.Mail.MessagesToAsync(email)).Any(m => m.Subject.StartsWith("Booked:", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(60));
        return (id, email, appointment);
    }

    /// <summary>The code in the newest of at least <paramref name="count"/> sign-in code emails to <paramref name="email"/>.</summary>
    public static async Task<string> NewestCodeAsync(RunningSystem system, string email, int count)
    {
        ArgumentNullException.ThrowIfNull(system);
        var codes = await Eventually.ValueAsync(
            $"{count} sign-in code email(s) reach {email}",
            async () => (await system.Mail.MessagesToAsync(email)).Where(m => m.Subject.StartsWith("Your sign-in code", StringComparison.Ordinal)).ToList(),
            messages => messages.Count >= count,
            TimeSpan.FromSeconds(60));
        return PortalSignIn.CodeIn(await system.Mail.PlainTextAsync(codes[^1].Id));
    }
}

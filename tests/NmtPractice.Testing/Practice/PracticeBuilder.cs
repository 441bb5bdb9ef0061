using System.Net;
using System.Net.Http.Json;

namespace NmtPractice.Testing.Practice;

/// <summary>
/// Sets up a practice through the scheduling API, as an operations admin would: services, then each
/// location with its rooms and its therapists (registered, then given working hours there), in the
/// order they were described. Every step must succeed (or answer one of the statuses it allows); a
/// refused step fails the set-up with the response body.
/// </summary>
/// <example>
/// <code>
/// await new PracticeBuilder()
///     .Service(DefineService.Nmt60)
///     .Location(new OpenLocation(locationId, "Back Bay", PostalAddress.Boston("1 Main St"), "America/New_York", openingHours))
///     .Room(new AddRoom(roomId, "Room A"))
///     .Therapist(new RegisterTherapist(therapistId, "Sam Whitaker", ["NMT-60"]), workingHours)
///     .BuildAsync(admin);
/// </code>
/// </example>
public sealed class PracticeBuilder
{
    private static readonly HttpStatusCode[] CreatedOrExisting = [HttpStatusCode.OK, HttpStatusCode.Created, HttpStatusCode.Conflict];
    private readonly List<Func<HttpClient, CancellationToken, Task>> _steps = [];
    private Guid? _location;

    /// <summary>
    /// Defines a service; with <paramref name="mayExist"/>, one already defined under the code (a
    /// 409) is taken as it is, for a practice set up again in a system that keeps its data.
    /// </summary>
    public PracticeBuilder Service(DefineService service, bool mayExist = false) =>
        Step("api/scheduling/services", HttpMethod.Post, service, mayExist ? CreatedOrExisting : null);

    /// <summary>Opens a location; the rooms and therapists that follow belong to it.</summary>
    public PracticeBuilder Location(OpenLocation location)
    {
        ArgumentNullException.ThrowIfNull(location);
        if (location.LocationId is not { } id)
        {
            throw new ArgumentException("The builder's locations have ids of the caller's, for the rooms and therapists to refer to.", nameof(location));
        }

        _location = id;
        return Step("api/scheduling/locations", HttpMethod.Post, location);
    }

    /// <summary>Adds a room to the last location.</summary>
    public PracticeBuilder Room(AddRoom room) => Step($"api/scheduling/locations/{CurrentLocation}/rooms", HttpMethod.Post, room);

    /// <summary>Registers a therapist and gives them <paramref name="hours"/> at the last location.</summary>
    public PracticeBuilder Therapist(RegisterTherapist therapist, IReadOnlyList<DayHours> hours)
    {
        ArgumentNullException.ThrowIfNull(therapist);
        if (therapist.TherapistId is not { } id)
        {
            throw new ArgumentException("The builder's therapists have ids of the caller's, for their hours to refer to.", nameof(therapist));
        }

        return Step("api/scheduling/therapists", HttpMethod.Post, therapist)
            .Step($"api/scheduling/therapists/{id}/locations/{CurrentLocation}/hours", HttpMethod.Put, new WorkingHours(hours));
    }

    /// <summary>Sends every step, in order, as <paramref name="admin"/>.</summary>
    public async Task BuildAsync(HttpClient admin, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(admin);
        foreach (var step in _steps)
        {
            await step(admin, cancellationToken);
        }
    }

    /// <summary>
    /// Sets a location's message rules to have no quiet hours (the chain's reminder offsets otherwise),
    /// as a manager or operations admin: suites that run at any hour of the day then see texts go when
    /// they send them, instead of at the location's next morning.
    /// </summary>
    public static async Task NoQuietHoursAsync(HttpClient manager, Guid location, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(manager);
        var path = $"api/notifications/locations/{location}/message-rules";
        using var current = await manager.GetAsync(path, cancellationToken);
        current.EnsureSuccessStatusCode();
        using var request = new HttpRequestMessage(HttpMethod.Put, path)
        {
            Content = JsonContent.Create(new { emailHoursBefore = 48, smsHoursBefore = 24, quietFrom = "00:00", quietUntil = "00:00" }),
        };
        if (current.Headers.ETag is { Tag: not "\"0\"" } version)
        {
            request.Headers.IfMatch.Add(version);
        }

        using var response = await manager.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>
    /// Registers a client with intake as <paramref name="desk"/>, then answers the intake and gives
    /// consent when they are given; the client's id.
    /// </summary>
    public static async Task<Guid> RegisterClientAsync(
        HttpClient desk, RegisterClient client, AnswerIntake? intake = null, GiveConsent? consent = null, CancellationToken cancellationToken = default)
    {
        Guid id;
        using (var registered = await desk.SendExpectingAsync(HttpMethod.Post, "api/intake/clients", client, cancellationToken: cancellationToken))
        {
            id = (await PracticeHttp.ReadBodyAsync<Identified>(registered, cancellationToken)).Id;
        }

        if (intake is not null)
        {
            using var answered = await desk.SendExpectingAsync(HttpMethod.Post, $"api/intake/clients/{id}/intakes", intake, cancellationToken: cancellationToken);
        }

        if (consent is not null)
        {
            using var consented = await desk.SendExpectingAsync(HttpMethod.Post, $"api/intake/clients/{id}/consents", consent, cancellationToken: cancellationToken);
        }

        return id;
    }

    private Guid CurrentLocation => _location ?? throw new InvalidOperationException("Rooms and therapists follow the location they belong to.");

    private PracticeBuilder Step(string path, HttpMethod method, object body, IReadOnlyCollection<HttpStatusCode>? expected = null)
    {
        _steps.Add(async (admin, cancellationToken) =>
        {
            using var response = await admin.SendExpectingAsync(method, path, body, expected, cancellationToken);
        });
        return this;
    }
}

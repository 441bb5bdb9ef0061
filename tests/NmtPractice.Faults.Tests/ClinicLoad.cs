using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NmtPractice.Testing;
using NmtPractice.Testing.Practice;

namespace NmtPractice.Faults.Tests;

/// <summary>
/// A front desk at work while things break: each worker registers a new client, answers their intake
/// and records consent (intake publishes the registration and the screening), books them a 30-minute
/// session later today and checks them in (scheduling publishes both; treatment records opens the
/// note). A request that fails because a process or server is down is sent again until it succeeds;
/// one whose answer was lost may already have been applied, so a conflict on a resend counts as done.
/// </summary>
public sealed class ClinicLoad : IAsyncDisposable
{
    private static readonly TimeSpan StepDeadline = TimeSpan.FromSeconds(120);
    private readonly FaultPractice _practice;
    private readonly HttpClient _desk;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _workers = [];
    private readonly ConcurrentDictionary<string, int> _failures = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _unexpected = new();
    private int _completed;

    private ClinicLoad(FaultPractice practice, HttpClient desk)
    {
        _practice = practice;
        _desk = desk;
    }

    /// <summary>Client journeys (register, intake, consent, book, check in) finished so far.</summary>
    public int Completed => Volatile.Read(ref _completed);

    private static int _phones = Random.Shared.Next(1_000_000, 9_000_000);

    /// <summary>Failed attempts that were sent again, by kind (status code or transport error).</summary>
    public IReadOnlyDictionary<string, int> Failures => _failures;

    /// <summary>Answers no resend can fix (a 500, or a 4xx other than a conflict on a resend): each is a defect.</summary>
    public IReadOnlyCollection<string> Unexpected => _unexpected;

    public static ClinicLoad Start(FaultPractice practice, HttpClient desk, int workers)
    {
        ArgumentNullException.ThrowIfNull(practice);
        var load = new ClinicLoad(practice, desk);
        for (var i = 0; i < workers; i++)
        {
            load._workers.Add(Task.Run(load.WorkAsync));
        }

        return load;
    }

    /// <summary>Awaits <paramref name="count"/> finished journeys in all (failing if a worker gave up).</summary>
    public Task UntilCompletedAsync(int count, TimeSpan timeout) =>
        Eventually.UntilAsync($"{count} client journeys to finish (finished {Completed}, bookings handed out {_practice.Handed}; failures {Describe(Failures)})", () =>
        {
            var broken = _workers.FirstOrDefault(worker => worker.IsFaulted);
            if (broken is not null)
            {
                throw new ProbeAbortedException($"A load worker failed: {broken.Exception?.InnerException}");
            }

            return _workers.All(worker => worker.IsCompleted) && Completed < count
                ? throw new ProbeAbortedException($"Every load worker stopped at a defect: {string.Join("; ", Unexpected)}")
                : Task.FromResult(Completed >= count);
        }, timeout);

    /// <summary>Lets every worker finish its journey, then stops.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_workers);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await Task.WhenAll(_workers);
        }
        catch (InvalidOperationException)
        {
            // Reported by the test that awaited the load.
        }

        _stop.Dispose();
    }

    public static string Describe(IReadOnlyDictionary<string, int> failures) =>
        failures.Count == 0 ? "none" : string.Join(", ", failures.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key} x{pair.Value}"));

    /// <summary>Carries journeys until stopped, or until an answer shows a defect (the test then reports it).</summary>
    private async Task WorkAsync()
    {
        while (!_stop.IsCancellationRequested && _unexpected.IsEmpty)
        {
            var clientId = Guid.CreateVersion7();
            var location = FaultPractice.Location;
            // Each client agrees to email and texts: every booking is confirmed on both, through the mail server and the SMS gateway.
            var phone = $"+1 617 {Interlocked.Increment(ref _phones) % 10_000_000:000 0000}";
            if (!await StepAsync("register", () => Post("api/intake/clients", new RegisterClient(
                    clientId, location, new ClientName("Fault", "Tolerance"), new DateOnly(1980, 6, 15),
                    new ClientContact($"fault.{clientId:N}@example.org", phone), Messages: new MessagePreferences(true, true))))
                || !await StepAsync("intake", () => Post($"api/intake/clients/{clientId}/intakes", new AnswerIntake(E2EPractice.ClearAnswers)))
                || !await StepAsync("consent", () => Post($"api/intake/clients/{clientId}/consents", GiveConsent.ToTreatment("Fault Tolerance", DateOnly.FromDateTime(DateTime.UtcNow)))))
            {
                continue;
            }

            var booking = _practice.NextBooking(clientId);
            if (!await StepAsync("book", () => Post("api/scheduling/appointments", booking.Body), retryWhile: "Unknown client")
                || (booking.Today && !await StepAsync("check in", () => Post($"api/scheduling/appointments/{booking.AppointmentId}/check-in", null))))
            {
                continue;
            }

            Interlocked.Increment(ref _completed);
        }
    }

    private static HttpRequestMessage Post(string path, object? body) =>
        new(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = body is null ? null : JsonContent.Create(body) };

    /// <summary>
    /// Sends a request until it succeeds. Returns false (and records why) when an answer shows a defect
    /// rather than a fault. Once the load is stopping, a journey already started is still finished, so
    /// that every journey either completes or never began.
    /// </summary>
    private async Task<bool> StepAsync(string step, Func<HttpRequestMessage> request, string? retryWhile = null)
    {
        var deadline = DateTimeOffset.UtcNow + StepDeadline;
        var resent = false;
        for (var attempt = 1; ; attempt++)
        {
            string kind;
            try
            {
                using var message = request();
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
                using var response = await _desk.SendAsync(message, timeout.Token);
                if (response.IsSuccessStatusCode)
                {
                    return true;
                }

                var problem = await response.Content.ReadAsStringAsync(timeout.Token);
                // A process or server being down shows as 502/503/504, never as a 500.
                var transient = response.StatusCode is HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout
                    || response.StatusCode == HttpStatusCode.TooManyRequests
                    || (retryWhile is not null && problem.Contains(retryWhile, StringComparison.Ordinal));
                if (!transient && resent && response.StatusCode == HttpStatusCode.Conflict)
                {
                    return true;
                }

                if (!transient)
                {
                    _unexpected.Enqueue($"{step}{(resent ? " (resent)" : string.Empty)}: {(int)response.StatusCode} {Title(problem)}");
                    return false;
                }

                kind = $"{step} {(int)response.StatusCode}";
                resent |= (int)response.StatusCode >= 502;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                kind = $"{step} {ex.GetType().Name}";
                resent = true;
            }

            _failures.AddOrUpdate(kind, 1, (_, count) => count + 1);
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new InvalidOperationException($"{step} did not succeed within {StepDeadline.TotalSeconds:F0} s ({attempt} attempts; last: {kind}).");
            }

            // Back off a little while something is down, without hammering it.
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(1000, 50 * attempt)));
        }
    }

    private static string Title(string problem)
    {
        try
        {
            using var document = JsonDocument.Parse(problem);
            return document.RootElement.TryGetProperty("detail", out var detail) ? detail.GetString() ?? problem : problem;
        }
        catch (JsonException)
        {
            return problem.Length > 200 ? problem[..200] : problem;
        }
    }
}

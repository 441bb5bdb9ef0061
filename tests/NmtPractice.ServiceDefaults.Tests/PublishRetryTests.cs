using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NmtPractice.ServiceDefaults.Messaging;
using Polly.Timeout;

namespace NmtPractice.ServiceDefaults.Tests;

/// <summary>
/// How the integration-event publisher retries: a publish whose confirmation never comes (the
/// RabbitMQ client can lose it when the broker restarts) is given up after the attempt timeout and
/// published again, so one lost confirmation cannot hold up every later event; a stopping daemon
/// stops the retries.
/// </summary>
public sealed class PublishRetryTests
{
    [Fact]
    public async Task A_publish_that_is_never_confirmed_is_abandoned_after_the_attempt_timeout_and_published_again()
    {
        var clock = new FakeTimeProvider();
        var pipeline = IntegrationEventPublisher.PublishPipeline(clock, NullLogger.Instance);
        var started = clock.GetUtcNow();
        var attempts = 0;
        DateTimeOffset? abandonedAt = null;

        var publishing = pipeline.ExecuteAsync(async token =>
        {
            if (++attempts == 1)
            {
                // The first attempt waits for a confirmation that never arrives.
                try
                {
                    await Task.Delay(Timeout.InfiniteTimeSpan, token);
                }
                catch (OperationCanceledException)
                {
                    abandonedAt = clock.GetUtcNow();
                    throw;
                }
            }
        }, TestContext.Current.CancellationToken).AsTask();

        await AdvanceUntilAsync(clock, publishing, TimeSpan.FromMinutes(2), step: TimeSpan.FromMilliseconds(250));

        await publishing;
        Assert.Equal(2, attempts);
        // Abandoned when the clock passed the attempt timeout (the clock moves in quarter seconds).
        Assert.NotNull(abandonedAt);
        Assert.InRange(abandonedAt.Value - started, IntegrationEventPublisher.AttemptTimeout, IntegrationEventPublisher.AttemptTimeout + TimeSpan.FromMilliseconds(250));
    }

    [Fact]
    public async Task A_broker_that_stays_away_is_retried_until_it_is_back()
    {
        var clock = new FakeTimeProvider();
        var pipeline = IntegrationEventPublisher.PublishPipeline(clock, NullLogger.Instance);
        var attempts = 0;

        var publishing = pipeline.ExecuteAsync(_ =>
        {
            attempts++;
            return attempts < 40 ? throw new InvalidOperationException("broker unreachable") : ValueTask.CompletedTask;
        }, TestContext.Current.CancellationToken).AsTask();

        await AdvanceUntilAsync(clock, publishing, TimeSpan.FromHours(1), step: TimeSpan.FromSeconds(2));

        await publishing;
        Assert.Equal(40, attempts);
    }

    [Fact]
    public async Task A_stopping_daemon_ends_the_retries_without_another_attempt()
    {
        var clock = new FakeTimeProvider();
        var pipeline = IntegrationEventPublisher.PublishPipeline(clock, NullLogger.Instance);
        using var stopping = new CancellationTokenSource();
        var attempts = 0;

        var publishing = pipeline.ExecuteAsync(async token =>
        {
            attempts++;
            await stopping.CancelAsync();
            token.ThrowIfCancellationRequested();
        }, stopping.Token).AsTask();

        await AdvanceUntilAsync(clock, publishing, TimeSpan.FromMinutes(1), step: TimeSpan.FromSeconds(1));

        var stopped = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => publishing);
        Assert.IsNotType<TimeoutRejectedException>(stopped);
        Assert.Equal(1, attempts);
    }

    /// <summary>Moves the clock on by <paramref name="step"/> until <paramref name="work"/> ends, at most <paramref name="limit"/> of clock time.</summary>
    private static async Task AdvanceUntilAsync(FakeTimeProvider clock, Task work, TimeSpan limit, TimeSpan step)
    {
        for (var moved = TimeSpan.Zero; !work.IsCompleted && moved < limit; moved += step)
        {
            // Let the pipeline reach its next timer before the clock moves past it.
            await Task.Yield();
            await Task.Delay(1, TestContext.Current.CancellationToken);
            clock.Advance(step);
        }

        Assert.True(work.IsCompleted, $"still publishing after {limit} of clock time");
    }
}

using System.Diagnostics;

namespace NmtPractice.Testing;

/// <summary>Awaits a condition by polling it, instead of sleeping for a guessed time.</summary>
public static class Eventually
{
    /// <summary>Default patience for asynchronous effects (message delivery, projections).</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Polls <paramref name="probe"/> until it returns a value satisfying <paramref name="until"/>,
    /// then returns that value; fails with <paramref name="what"/> and the last value on timeout.
    /// </summary>
    public static async Task<T> ValueAsync<T>(
        string what,
        Func<Task<T>> probe,
        Func<T, bool> until,
        TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(until);
        var limit = timeout ?? DefaultTimeout;
        var clock = Stopwatch.StartNew();
        var delay = TimeSpan.FromMilliseconds(20);
        T last;
        Exception? lastError = null;
        while (true)
        {
            try
            {
                last = await probe();
                if (until(last))
                {
                    return last;
                }
            }
            catch (Exception ex) when (ex is not ProbeAbortedException && (ex is not OperationCanceledException || ex.InnerException is TimeoutException))
            {
                last = default!;
                lastError = ex;
            }

            if (clock.Elapsed > limit)
            {
                throw new TimeoutException(
                    $"Waited {limit.TotalSeconds:0.#} s for {what}; last value: {last?.ToString() ?? "none"}" +
                    (lastError is null ? string.Empty : $"; last error: {lastError.GetType().Name}: {lastError.Message}"),
                    lastError);
            }

            await Task.Delay(delay);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 250));
        }
    }

    /// <summary>Polls until <paramref name="condition"/> holds.</summary>
    public static Task UntilAsync(string what, Func<Task<bool>> condition, TimeSpan? timeout = null) =>
        ValueAsync(what, condition, satisfied => satisfied, timeout);
}

/// <summary>Thrown by a probe when waiting longer is pointless (the process it waits for has exited).</summary>
public sealed class ProbeAbortedException(string message) : Exception(message);

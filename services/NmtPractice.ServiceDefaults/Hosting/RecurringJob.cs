using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace NmtPractice.ServiceDefaults.Hosting;

/// <summary>
/// Work a service does on its own, once at start and then every <see cref="Interval"/> on the clock
/// the host is given (so tests move it with a <see cref="TimeProvider"/> of their own). A round that
/// fails is logged by exception type (never its message, which may hold personal data) and the next
/// round tries again; each round decides on the state it reads, so a missed round loses nothing.
/// </summary>
public abstract partial class RecurringJob(TimeProvider time, ILogger logger) : BackgroundService
{
    /// <summary>The clock the rounds run on.</summary>
    protected TimeProvider Time { get; } = time;

    /// <summary>The job's logger.</summary>
    protected ILogger Logger { get; } = logger;

    /// <summary>The time between rounds.</summary>
    protected abstract TimeSpan Interval { get; }

    /// <summary>What the job does, for the log ("Expiring waitlist offers").</summary>
    protected abstract string Work { get; }

    /// <summary>One round.</summary>
    protected abstract Task RunOnceAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, Time);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(Logger, Work, ex.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Work} failed ({ExceptionType}); retrying next round")]
    private static partial void LogFailed(ILogger logger, string work, string exceptionType);
}

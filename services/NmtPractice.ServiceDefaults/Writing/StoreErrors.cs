using JasperFx;
using Npgsql;

namespace NmtPractice.ServiceDefaults.Writing;

/// <summary>Recognising what a failed commit means, whatever the event store wrapped it in.</summary>
public static class StoreErrors
{
    /// <summary>The PostgreSQL error inside <paramref name="exception"/> or its inner exceptions.</summary>
    public static PostgresException? FindPostgres(this Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is PostgresException postgres)
            {
                return postgres;
            }
        }

        return null;
    }

    /// <summary>
    /// Whether a commit failed because what it creates exists already: a stream or document with the
    /// same id (however the store reports it), or a row breaking a unique index (a service code).
    /// </summary>
    public static bool IsCollision(Exception exception) =>
        exception is ConcurrencyException or DocumentAlreadyExistsException
            or Marten.Exceptions.ExistingStreamIdCollisionException or JasperFx.Events.ExistingStreamIdCollisionException
        || exception.FindPostgres() is { SqlState: PostgresErrorCodes.UniqueViolation };
}

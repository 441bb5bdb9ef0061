using System.Net.Sockets;
using Npgsql;

namespace NmtPractice.ServiceDefaults.Messaging;

/// <summary>Whether a consumer failed because the database could not be reached, rather than because of the message.</summary>
public static class TransientFailure
{
    /// <summary>True when the exception, or one it wraps, is a transient database or network failure.</summary>
    public static bool Is(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case NpgsqlException npgsql when npgsql.IsTransient:
                case SocketException:
                case TimeoutException:
                    return true;
            }
        }

        return false;
    }
}

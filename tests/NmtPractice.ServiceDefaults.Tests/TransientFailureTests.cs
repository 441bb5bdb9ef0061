using System.Net.Sockets;
using NmtPractice.ServiceDefaults.Messaging;
using Npgsql;

namespace NmtPractice.ServiceDefaults.Tests;

/// <summary>Which consumer failures are retried for long (the database is away) and which go to the error queue soon.</summary>
public sealed class TransientFailureTests
{
    [Fact]
    public void A_lost_connection_wrapped_by_the_store_is_transient() =>
        Assert.True(TransientFailure.Is(new InvalidOperationException(
            "the store failed", new NpgsqlException("Exception while reading from stream", new SocketException((int)SocketError.ConnectionReset)))));

    [Fact]
    public void A_server_shutting_down_is_transient() =>
        Assert.True(TransientFailure.Is(new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", "57P01")));

    [Fact]
    public void A_refused_connection_is_transient() =>
        Assert.True(TransientFailure.Is(new SocketException((int)SocketError.ConnectionRefused)));

    [Fact]
    public void A_constraint_violation_is_not_transient() =>
        Assert.False(TransientFailure.Is(new PostgresException("duplicate key value violates unique constraint", "ERROR", "ERROR", "23505")));

    [Fact]
    public void A_failure_of_the_consumer_itself_is_not_transient() =>
        Assert.False(TransientFailure.Is(new InvalidOperationException("no appointment has this id", new ArgumentException("id"))));
}

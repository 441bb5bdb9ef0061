using System.Text.Json;
using JasperFx;
using Microsoft.AspNetCore.Http;
using NmtPractice.ServiceDefaults.Http;
using Npgsql;

namespace NmtPractice.ServiceDefaults.Tests;

public sealed class ProblemMappingTests
{
    [Fact]
    public void Concurrency_conflicts_are_409()
    {
        var problem = ProblemExceptionHandler.Map(new ConcurrencyException("stream changed"));

        Assert.Equal(StatusCodes.Status409Conflict, problem?.Status);
    }

    [Fact]
    public void A_validation_exception_keeps_every_field()
    {
        var problem = ProblemExceptionHandler.Map(new RequestValidationException(new Dictionary<string, string[]>
        {
            ["startsAt"] = ["in the past"],
            ["clientId"] = ["empty"],
        }));

        var validation = Assert.IsType<HttpValidationProblemDetails>(problem);
        Assert.Equal(400, validation.Status);
        Assert.Equal(["clientId", "startsAt"], validation.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_validation_exception_with_a_hundred_thousand_fields_answers_fifty_and_counts_the_rest()
    {
        var errors = Enumerable.Range(0, 100_000).ToDictionary(i => $"painRegions[{i}]", _ => new[] { "a", "b", "c", "d", "e", "f", "g" }, StringComparer.Ordinal);

        var validation = Assert.IsType<HttpValidationProblemDetails>(ProblemExceptionHandler.Map(new RequestValidationException(errors)));

        Assert.Equal(51, validation.Errors.Count);
        Assert.Equal(["And 99950 more fields with problems."], validation.Errors["more"]);
        Assert.Equal(["a", "b", "c", "d", "e"], validation.Errors["painRegions[0]"]);
        Assert.True(validation.Errors.ContainsKey("painRegions[49]"));
        Assert.False(validation.Errors.ContainsKey("painRegions[50]"));
    }

    [Fact]
    public void Malformed_json_names_the_field_from_the_json_path()
    {
        var inner = new JsonException("bad", "$.client.dateOfBirth", 1, 10);

        var problem = ProblemExceptionHandler.Map(new BadHttpRequestException("Failed to read", 400, inner));

        var validation = Assert.IsType<HttpValidationProblemDetails>(problem);
        Assert.Contains("client.dateOfBirth", validation.Errors.Keys);
    }

    [Theory]
    [InlineData("Failed to bind parameter \"DateOnly from\" from \"yesterday\".", "from")]
    [InlineData("Required parameter \"Nullable<Guid> locationId\" was not provided from query string.", "locationId")]
    [InlineData("Something else went wrong.", null)]
    public void Binding_failures_name_the_parameter(string message, string? parameter) =>
        Assert.Equal(parameter, ProblemExceptionHandler.ParameterName(message));

    [Theory]
    [InlineData("40P01")]
    [InlineData("40001")]
    public void Deadlocks_and_serialization_failures_are_409_not_500(string sqlState)
    {
        var wrapped = new InvalidOperationException("wrapped", new PostgresException("deadlock", "ERROR", "ERROR", sqlState));

        Assert.Equal(StatusCodes.Status409Conflict, ProblemExceptionHandler.Map(wrapped)?.Status);
    }

    [Fact]
    public void An_unreachable_database_is_503()
    {
        var problem = ProblemExceptionHandler.Map(new TimeoutException());

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, problem?.Status);
    }

    /// <summary>Found by the fault tests: a connection lost mid-command during a PostgreSQL crash reached the client as a 500.</summary>
    [Fact]
    public void A_connection_lost_inside_a_store_command_is_503()
    {
        var lost = new InvalidOperationException(
            "Marten Command Failure", new NpgsqlException("Exception while reading from stream", new EndOfStreamException()));

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, ProblemExceptionHandler.Map(lost)?.Status);
    }

    [Fact]
    public void A_database_error_that_is_not_transient_is_left_to_the_500_handler() =>
        Assert.Null(ProblemExceptionHandler.Map(new PostgresException("boom", "ERROR", "ERROR", "42P01")));

    [Fact]
    public void Unknown_exceptions_are_left_to_the_500_handler() =>
        Assert.Null(ProblemExceptionHandler.Map(new InvalidOperationException("bug")));

    [Theory]
    [InlineData("ClientId", "clientId")]
    [InlineData("Client.DateOfBirth", "client.dateOfBirth")]
    [InlineData("If-Match", "If-Match")]
    public void Error_keys_follow_the_json_casing(string key, string expected) =>
        Assert.Equal(expected, ProblemDetailsExtensions.JsonFieldName(key));
}

using NmtPractice.ServiceDefaults.Http;
using NmtPractice.ServiceDefaults.Writing;
using Npgsql;

namespace NmtPractice.ServiceDefaults.Tests;

/// <summary>The one error collector: every bad field named at once, clean values out, nothing thrown when all is well.</summary>
public sealed class InputErrorsTests
{
    [Fact]
    public void Every_problem_of_every_field_is_reported_together()
    {
        var errors = new InputErrors()
            .Text("name", "  ", 10)
            .Text("note", new string('x', 11), 10, required: false)
            .Require(false, "to", "Required, and after 'from'.")
            .Require(false, "to", "At most a year at a time.")
            .Require(true, "from", "never reported");

        var thrown = Assert.Throws<RequestValidationException>(errors.ThrowIfAny);

        Assert.Equal(["name", "note", "to"], thrown.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["Required."], thrown.Errors["name"]);
        Assert.Equal(["At most 10 characters."], thrown.Errors["note"]);
        Assert.Equal(["Required, and after 'from'.", "At most a year at a time."], thrown.Errors["to"]);
    }

    [Fact]
    public void Readers_return_the_clean_value_and_note_what_is_wrong()
    {
        var errors = new InputErrors();

        Assert.Equal("Dana", errors.RequiredText("name", "  Dana ", 10));
        Assert.Equal(string.Empty, errors.RequiredText("family", null, 10));
        Assert.Null(errors.OptionalText("preferred", "   ", 10));
        Assert.Equal("Dee", errors.OptionalText("nickname", " Dee ", 10));
        Assert.Equal(0, errors.RequiredNumber("pain", null, 0, 10));
        Assert.Equal(11, errors.Number("discomfort", 11, 0, 10));
        Assert.Equal(10, errors.Number("level", 10, 0, 10));

        var thrown = Assert.Throws<RequestValidationException>(errors.ThrowIfAny);
        Assert.Equal(["discomfort", "family", "pain"], thrown.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["Must be between 0 and 10."], thrown.Errors["discomfort"]);
        Assert.Equal(["Required."], thrown.Errors["pain"]);
    }

    [Fact]
    public void A_hundred_thousand_problems_keep_only_what_a_400_shows_and_count_the_rest()
    {
        // Rule: the collector keeps 50 fields of 5 messages each and counts every other problem, so
        // a body of a hundred thousand bad items costs a counter, not a hundred thousand messages.
        var errors = new InputErrors();
        for (var i = 0; i < 100_000; i++)
        {
            errors.Add($"painRegions[{i}]", "Unknown body region.");
        }

        for (var i = 0; i < 7; i++)
        {
            errors.Add("painRegions[0]", $"Problem {i}.");
        }

        Assert.Equal(99_950 + 3, errors.Omitted);
        var thrown = Assert.Throws<RequestValidationException>(errors.ThrowIfAny);
        Assert.Equal(51, thrown.Errors.Count);
        Assert.Equal(["Unknown body region.", "Problem 0.", "Problem 1.", "Problem 2.", "Problem 3."], thrown.Errors["painRegions[0]"]);
        Assert.True(thrown.Errors.ContainsKey("painRegions[49]"));
        Assert.False(thrown.Errors.ContainsKey("painRegions[50]"));
        Assert.Equal(["And 99953 more problems."], thrown.Errors["more"]);

        // The 400 passes the collector's own count on, rather than counting its "more" as a field.
        var problem = Assert.IsType<Microsoft.AspNetCore.Http.HttpValidationProblemDetails>(ProblemExceptionHandler.Map(thrown));
        Assert.Equal(51, problem.Errors.Count);
        Assert.Equal(["And 99953 more problems."], problem.Errors["more"]);
    }

    [Fact]
    public void Fifty_fields_are_kept_whole_and_nothing_is_counted_as_omitted()
    {
        var errors = new InputErrors();
        for (var i = 0; i < 50; i++)
        {
            errors.Add($"field{i}", "Required.");
        }

        Assert.Equal(0, errors.Omitted);
        var thrown = Assert.Throws<RequestValidationException>(errors.ThrowIfAny);
        Assert.Equal(50, thrown.Errors.Count);
        Assert.False(thrown.Errors.ContainsKey("more"));
    }

    [Fact]
    public void Nothing_wrong_throws_nothing()
    {
        var errors = new InputErrors().Text("name", "Dana", 10).Text("note", null, 10, required: false).Require(true, "to", "x");

        Assert.False(errors.Any);
        errors.ThrowIfAny();
    }

    [Fact]
    public void A_unique_index_broken_under_any_wrapper_is_a_collision_and_other_database_errors_are_not()
    {
        var unique = new PostgresException("duplicate key", "ERROR", "ERROR", PostgresErrorCodes.UniqueViolation);
        var deadlock = new PostgresException("deadlock", "ERROR", "ERROR", PostgresErrorCodes.DeadlockDetected);
        var wrapped = new InvalidOperationException("outer", new InvalidOperationException("middle", unique));

        Assert.Same(unique, wrapped.FindPostgres());
        Assert.Null(new InvalidOperationException("plain").FindPostgres());
        Assert.True(StoreErrors.IsCollision(wrapped));
        Assert.False(StoreErrors.IsCollision(new InvalidOperationException("outer", deadlock)));
        Assert.False(StoreErrors.IsCollision(new TimeoutException()));
    }
}

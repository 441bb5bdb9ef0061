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

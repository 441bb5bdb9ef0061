using Microsoft.AspNetCore.Http;
using NmtPractice.ServiceDefaults.Api;
using NmtPractice.ServiceDefaults.Http;

namespace NmtPractice.ServiceDefaults.Tests;

public sealed class CorrelationAndETagTests
{
    [Theory]
    [InlineData("abc-123_X.y", true)]
    [InlineData("", false)]
    [InlineData("has space", false)]
    [InlineData("new\nline", false)]
    [InlineData("ünïcode", false)]
    public void Only_safe_correlation_ids_are_trusted(string value, bool valid) =>
        Assert.Equal(valid, CorrelationContext.IsValid(value));

    [Fact]
    public void An_overlong_correlation_id_is_not_trusted() =>
        Assert.False(CorrelationContext.IsValid(new string('a', 65)));

    [Fact]
    public void No_if_match_means_no_expected_version() =>
        Assert.Null(new DefaultHttpContext().Request.ExpectedVersion());

    [Fact]
    public void A_strong_etag_is_the_expected_version()
    {
        var request = new DefaultHttpContext().Request;
        request.Headers.IfMatch = "\"7\"";

        Assert.Equal(7, request.ExpectedVersion());
    }

    [Theory]
    [InlineData("W/\"7\"")]
    [InlineData("*")]
    [InlineData("\"zero\"")]
    public void A_weak_wildcard_or_foreign_etag_fails_the_precondition(string header)
    {
        var request = new DefaultHttpContext().Request;
        request.Headers.IfMatch = header;

        Assert.Throws<PreconditionFailedException>(() => request.ExpectedVersion());
    }

    [Fact]
    public void A_malformed_if_match_is_a_validation_error()
    {
        var request = new DefaultHttpContext().Request;
        request.Headers.IfMatch = "7";

        Assert.Throws<RequestValidationException>(() => request.ExpectedVersion());
    }
}

using Microsoft.Net.Http.Headers;
using NmtPractice.ServiceDefaults.Http;

namespace NmtPractice.ServiceDefaults.Api;

/// <summary>Stream versions as strong ETags, and <c>If-Match</c> as the expected version of a write.</summary>
public static class ETags
{
    /// <summary>The ETag for a stream version: <c>"7"</c>.</summary>
    public static string ForVersion(long version) => $"\"{version}\"";

    /// <summary>Sets the ETag response header.</summary>
    public static void SetETag(this HttpResponse response, long version)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Headers.ETag = ForVersion(version);
    }

    /// <summary>
    /// The version named by <c>If-Match</c>, or null when the header is absent. A malformed header is
    /// a 400, a weak or wildcard one a 412 (writes need the exact version).
    /// </summary>
    public static long? ExpectedVersion(this HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }

        if (!EntityTagHeaderValue.TryParse(header, out var tag))
        {
            throw new RequestValidationException("If-Match", "If-Match must be one strong ETag, for example \"3\".");
        }

        if (tag.IsWeak || tag.Tag.Value is null || !long.TryParse(tag.Tag.AsSpan().Trim('"'), out var version) || version < 1)
        {
            throw new PreconditionFailedException("If-Match must name the exact version of the resource (a strong ETag).");
        }

        return version;
    }
}

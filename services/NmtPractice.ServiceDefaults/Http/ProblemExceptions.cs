namespace NmtPractice.ServiceDefaults.Http;

/// <summary>
/// A request that cannot be carried out, with the HTTP status and ProblemDetails it maps to.
/// Thrown by deciders and handlers; turned into RFC 7807 responses by <see cref="ProblemExceptionHandler"/>.
/// Messages must never contain personal data.
/// </summary>
public abstract class ProblemException : Exception
{
    protected ProblemException(int statusCode, string title, string detail)
        : base(detail)
    {
        StatusCode = statusCode;
        Title = title;
    }

    /// <summary>The HTTP status code.</summary>
    public int StatusCode { get; }

    /// <summary>A short, stable summary of the problem type.</summary>
    public string Title { get; }

    /// <summary>Machine-readable details added to the ProblemDetails (for example what is missing); never personal data.</summary>
    public IDictionary<string, object?> Extensions { get; } = new Dictionary<string, object?>(StringComparer.Ordinal);

    /// <summary>Adds a ProblemDetails extension member and returns the exception, for <c>throw new ...With(...)</c>.</summary>
    public ProblemException With(string name, object? value)
    {
        Extensions[name] = value;
        return this;
    }
}

/// <summary>The request conflicts with the current state (an illegal transition, a taken slot): 409.</summary>
public sealed class ConflictException(string title, string detail)
    : ProblemException(409, title, detail);

/// <summary>
/// The caller is authenticated but may not do this (another location, another role): 403. Every
/// refusal is audited: where it is thrown without an audit row (<see cref="Audited"/> false), the
/// exception handler records one for the request, with <see cref="LocationId"/> when known.
/// </summary>
public sealed class ForbiddenException(string detail)
    : ProblemException(403, "Forbidden", detail)
{
    /// <summary>The location the refused object belongs to, for the audit row.</summary>
    public Guid? LocationId { get; init; }

    /// <summary>Whether the refusal has already been written to the audit log (with its object).</summary>
    public bool Audited { get; init; }
}

/// <summary>The resource does not exist: 404.</summary>
public sealed class NotFoundException(string title, string detail)
    : ProblemException(404, title, detail);

/// <summary>The request's <c>If-Match</c> precondition does not hold: 412.</summary>
public sealed class PreconditionFailedException(string detail)
    : ProblemException(412, "The resource has changed", detail);

/// <summary>A change was sent without <c>If-Match</c>: 428, so that no one overwrites a change unseen.</summary>
public sealed class PreconditionRequiredException(string detail)
    : ProblemException(428, "If-Match required", detail);

/// <summary>The request is well-formed but its values break a rule: 400 with errors per field.</summary>
public sealed class RequestValidationException : ProblemException
{
    public RequestValidationException(IReadOnlyDictionary<string, string[]> errors)
        : base(400, "One or more validation errors occurred.", "See errors for the fields that were wrong.")
    {
        Errors = errors;
    }

    public RequestValidationException(string field, string message)
        : this(new Dictionary<string, string[]> { [field] = [message] })
    {
    }

    /// <summary>Messages per field, as in ASP.NET Core's ValidationProblemDetails.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; }
}

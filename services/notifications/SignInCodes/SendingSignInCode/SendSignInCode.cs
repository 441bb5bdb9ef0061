using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using NmtPractice.Notifications.Planning;
using NmtPractice.Notifications.Recipients;

namespace NmtPractice.Notifications.SignInCodes.SendingSignInCode;

/// <summary>A client asked to sign in with an email address: send them a code.</summary>
/// <param name="RequestId">The identity server's sign-in request (one email per request, however often it is asked).</param>
/// <param name="Email">The address they gave.</param>
/// <param name="Code">The code (digits), kept encrypted until the email is written.</param>
/// <param name="ExpiresAt">When it stops working: the email does not go after it.</param>
public sealed record SendSignInCodeRequest(Guid RequestId, string? Email, string? Code, DateTimeOffset ExpiresAt);

/// <summary>The client records whose email it is (none: no email goes, and the identity server says the same as ever).</summary>
public sealed record SendSignInCodeResponse(IReadOnlyList<Guid> ClientIds);

/// <summary>
/// <c>POST /internal/sign-in-codes</c> (the identity server's key in <c>X-Sign-In-Key</c>): finds the
/// clients whose record has this email address (by its keyed hash; erased records never), plans one
/// email with the code to it, and answers which records the address opens. The code is kept encrypted
/// until it is written into the email; nothing is logged of the address.
/// </summary>
internal static class SendSignInCodeEndpoint
{
    internal const string KeyHeader = "X-Sign-In-Key";

    internal static async Task<Ok<SendSignInCodeResponse>> Handle(
        HttpRequest http,
        SendSignInCodeRequest request,
        RecordWriter writer,
        ContactProtector protector,
        MessagePlanner planner,
        IOptions<NotificationsOptions> options,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(request);
        var key = http.Headers[KeyHeader].ToString();
        if (key.Length == 0 || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(options.Value.SignInCodeKey)))
        {
            throw new ForbiddenException("The identity server's key is missing or wrong.");
        }

        if (request.RequestId == Guid.Empty)
        {
            throw new RequestValidationException("requestId", "The sign-in request's id is required.");
        }

        if (string.IsNullOrWhiteSpace(request.Email) || request.Email.Length > 254)
        {
            throw new RequestValidationException("email", "An email address of at most 254 characters is required.");
        }

        if (request.Code is not { Length: >= 6 and <= 12 } code || !code.All(char.IsAsciiDigit))
        {
            throw new RequestValidationException("code", "The code is 6 to 12 digits.");
        }

        if (request.ExpiresAt <= time.GetUtcNow() || request.ExpiresAt > time.GetUtcNow().AddHours(1))
        {
            throw new RequestValidationException("expiresAt", "The code must expire within the hour.");
        }

        var lookup = protector.EmailLookup(request.Email);
        var recipients = (await writer.Session.Query<Recipient>().Where(recipient => recipient.EmailLookup == lookup).ToListAsync(cancellationToken))
            .Where(recipient => recipient.ErasedAt is null && recipient.Email is not null)
            .OrderBy(recipient => recipient.Id)
            .ToList();
        if (recipients.Count == 0)
        {
            return TypedResults.Ok(new SendSignInCodeResponse([]));
        }

        // One email to the address, however many records share it (a parent and child): the first record's language and clinic.
        var to = recipients[0];
        await planner.PlanSignInCodeAsync(to, request.RequestId, protector.Protect(to.Id, code)!, request.ExpiresAt.ToUniversalTime(), cancellationToken);
        await writer.CommitAlongAsync(cancellationToken);
        return TypedResults.Ok(new SendSignInCodeResponse([.. recipients.Select(recipient => recipient.Id)]));
    }
}

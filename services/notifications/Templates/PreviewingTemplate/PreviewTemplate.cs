using Microsoft.Extensions.Options;
using NmtPractice.Notifications.Links;
using NmtPractice.Notifications.Locations;
using NmtPractice.Notifications.Sending;

namespace NmtPractice.Notifications.Templates.PreviewingTemplate;

/// <summary>A text to preview: its kind and language, its words, and the location whose name, address and clock fill it in.</summary>
public sealed record PreviewRequest(string? Kind, string? Language, string? Subject, string? Body, string? Sms, Guid? LocationId);

/// <summary>A text written out as a client would get it: the email's subject, plain text and HTML, and the text message with its SMS parts.</summary>
public sealed record PreviewResponse(string Subject, string Text, string Html, string Sms, int SmsParts);

/// <summary>
/// <c>POST /api/notifications/templates/preview</c>: writes a text out with a sample appointment (in two
/// days at 10:00 on the location's clock, 60 minutes, with a sample therapist) before anyone saves it;
/// the same checks as saving, so a preview that works saves. Writes nothing.
/// </summary>
internal static class PreviewTemplateEndpoint
{
    /// <summary>The therapist a preview names.</summary>
    internal const string SampleTherapist = "Sam Rivera";

    internal static async Task<Ok<PreviewResponse>> Handle(
        PreviewRequest request, IQuerySession session, CurrentUser user, LinkTokens links, IOptions<NotificationsOptions> options, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var (kind, language) = TemplateAddress.Parse(request.Kind ?? string.Empty, request.Language ?? string.Empty);
        TemplateTexts.Check(kind, request.Subject, request.Body, request.Sms).ThrowIfAny();
        KnownLocation? location = null;
        if (request.LocationId is { } locationId)
        {
            user.EnsureCanAccess(locationId);
            location = await session.LoadAsync<KnownLocation>(locationId, cancellationToken)
                ?? throw new NotFoundException("Location not found", "No location has this id.");
        }

        var now = time.GetUtcNow();
        var zone = location?.Zone ?? TimeZoneInfo.Utc;
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime).AddDays(2);
        var startsAt = Local(day, new TimeOnly(10, 0), zone);
        var facts = new MessageFacts(
            Guid.Empty, null, "NMT-60", startsAt, startsAt.AddMinutes(60),
            PreviousStartsAt: kind == MessageKind.Change ? Local(day.AddDays(-1), new TimeOnly(15, 30), zone) : null,
            HoldsUntil: kind == MessageKind.WaitlistOffer ? now.AddHours(2) : null);
        // Sample links, for no message: they show where links go and open a page that says they are not valid.
        var answerable = kind is MessageKind.Confirmation or MessageKind.Reminder or MessageKind.Change;
        var context = new MessageContext(
            location, kind == MessageKind.IntakeRenewal ? null : SampleTherapist, options.Value.CancellationNotice,
            answerable ? links.Link(LinkPurpose.Confirm, Guid.Empty, startsAt) : null,
            answerable ? links.Link(LinkPurpose.Cancel, Guid.Empty, startsAt) : null,
            kind == MessageKind.WaitlistOffer ? links.Link(LinkPurpose.Claim, Guid.Empty, now.AddHours(2)) : null);
        var text = new TemplateText(request.Subject!.Trim(), request.Body!, request.Sms!);
        var email = MessageTexts.Write(kind, Channel.Email, facts, now, context, language, text);
        var sms = MessageTexts.Write(kind, Channel.Sms, facts, now, context, language, text);
        return TypedResults.Ok(new PreviewResponse(email.Subject, email.Text, email.Html, sms.Text, TemplateTexts.SmsParts(sms.Text)));
    }

    private static DateTimeOffset Local(DateOnly day, TimeOnly at, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(at);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}

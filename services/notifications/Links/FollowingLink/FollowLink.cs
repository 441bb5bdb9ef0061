using System.Globalization;
using System.Net;
using System.Text;
using NmtPractice.Notifications.Appointments;
using NmtPractice.Notifications.Locations;
using NmtPractice.Notifications.Recipients;

namespace NmtPractice.Notifications.Links.FollowingLink;

/// <summary>
/// <c>GET /api/notifications/links/{token}</c> shows what a link in a message does and where it stands
/// (a page, so that a mail scanner that opens links changes nothing); <c>POST</c> to the same address
/// does it: the client's answer goes to scheduling as theirs, as a text reply would, and the page,
/// shown again, says what became of it. A link that is altered, expired, or about an appointment no
/// longer booked says so and does nothing. No sign-in: the link is the authority, for one purpose and
/// one message; the page names the clinic and the time, never the client.
/// </summary>
internal static class FollowLinkEndpoint
{
    internal static async Task<IResult> Show(string token, LinkTokens links, IQuerySession session, TimeProvider time, CancellationToken cancellationToken)
    {
        var (state, page) = await ReadAsync(token, links, session, time, cancellationToken);
        return Html(state.Status, page.Render(state));
    }

    internal static async Task<IResult> Act(string token, LinkTokens links, RecordWriter writer, TimeProvider time, CancellationToken cancellationToken)
    {
        var (state, page) = await ReadAsync(token, links, writer.Session, time, cancellationToken);
        if (state is { Status: HttpStatusCode.OK, Actionable: true, Message: { } message })
        {
            // The signed link is the client's authority over this one message.
            var write = await writer.LoadAsync(Message.Rules, message.Id, Audited.Update, cancellationToken, mayChange: _ => true);
            object answer = state.Purpose switch
            {
                LinkPurpose.Claim => new WaitlistOfferTaken(
                    message.Id, message.ClientId, message.LocationId, message.Facts.WaitlistEntryId!.Value,
                    MessageIds.ClaimedAppointment(message.Facts.WaitlistEntryId.Value, message.Facts.StartsAt!.Value),
                    message.Facts.TherapistId!.Value, message.Facts.StartsAt.Value, "link", time.GetUtcNow()),
                _ => new MessageAnswered(
                    message.Id, message.ClientId, message.LocationId, message.Channel, message.Facts.AppointmentId,
                    state.Purpose == LinkPurpose.Confirm ? Answers.Confirm : Answers.Cancel, "link", time.GetUtcNow()),
            };
            await write.CommitAsync([answer], cancellationToken);
            return Html(HttpStatusCode.OK, page.Render(state with { Actionable = false, Waiting = true }));
        }

        return Html(state.Status == HttpStatusCode.OK ? HttpStatusCode.Conflict : state.Status, page.Render(state));
    }

    private static async Task<(LinkState State, LinkPage Page)> ReadAsync(string token, LinkTokens links, IQuerySession session, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!links.TryRead(token, out var purpose, out var messageId, out var expiresAt)
            || await session.LoadAsync<Message>(messageId, cancellationToken) is not { } message)
        {
            return (new LinkState(HttpStatusCode.NotFound, default, null, null, false, false, LinkOutcome.Unknown), new LinkPage("en", null));
        }

        var recipient = await session.LoadAsync<Recipient>(message.ClientId, cancellationToken);
        var location = await session.LoadAsync<KnownLocation>(message.LocationId, cancellationToken);
        var page = new LinkPage(recipient?.Language ?? "en", location);
        if (purpose == LinkPurpose.Claim)
        {
            return (await ClaimAsync(message, expiresAt, session, time, cancellationToken), page);
        }

        var appointment = message.Facts.AppointmentId is { } id ? await session.LoadAsync<KnownAppointment>(id, cancellationToken) : null;
        var outcome = appointment switch
        {
            null => LinkOutcome.Unknown,
            { State: AppointmentState.Cancelled } => LinkOutcome.Cancelled,
            { State: not AppointmentState.Booked } => LinkOutcome.Past,
            _ when appointment.StartsAt != message.Facts.StartsAt => LinkOutcome.Moved,
            { RefusedAnswer: "late-cancellation" } when purpose == LinkPurpose.Cancel => LinkOutcome.CallTheClinic,
            { ConfirmedByClientAt: not null } => LinkOutcome.Confirmed,
            _ => LinkOutcome.Booked,
        };
        var answered = message.History.Any(step => step.Status == MessageStatus.Answered && step.Reason == (purpose == LinkPurpose.Confirm ? Answers.Confirm : Answers.Cancel));
        if (time.GetUtcNow() >= expiresAt)
        {
            return (new LinkState(HttpStatusCode.Gone, purpose, message, appointment, false, false, outcome), page);
        }

        var done = outcome is LinkOutcome.Cancelled or LinkOutcome.CallTheClinic || (purpose == LinkPurpose.Confirm && outcome == LinkOutcome.Confirmed);
        var actionable = outcome is LinkOutcome.Booked or LinkOutcome.Confirmed && !done && !answered;
        return (new LinkState(HttpStatusCode.OK, purpose, message, appointment, actionable, answered && !done, outcome), page);
    }

    /// <summary>
    /// Where a claim of a waitlist offer stands: booked (by this link or another of the offer), refused
    /// (and why), on its way, expired with the hold, or still to take.
    /// </summary>
    private static async Task<LinkState> ClaimAsync(Message message, DateTimeOffset expiresAt, IQuerySession session, TimeProvider time, CancellationToken cancellationToken)
    {
        if (message.Facts is not { WaitlistEntryId: { } entryId, StartsAt: { } startsAt, TherapistId: not null })
        {
            return new LinkState(HttpStatusCode.NotFound, LinkPurpose.Claim, null, null, false, false, LinkOutcome.Unknown);
        }

        var appointment = await session.LoadAsync<KnownAppointment>(MessageIds.ClaimedAppointment(entryId, startsAt), cancellationToken);
        var claimed = message.History.Any(step => step.Reason == Answers.Claim);
        var (status, outcome) = (appointment, message.ClaimRefusal) switch
        {
            ({ State: AppointmentState.Cancelled }, _) => (HttpStatusCode.OK, LinkOutcome.Cancelled),
            ({ }, _) => (HttpStatusCode.OK, LinkOutcome.Claimed),
            (null, WaitlistClaimRefusals.Taken) => (HttpStatusCode.OK, LinkOutcome.Taken),
            (null, WaitlistClaimRefusals.Expired) => (HttpStatusCode.Gone, LinkOutcome.Unknown),
            (null, { }) => (HttpStatusCode.OK, LinkOutcome.CallTheClinic),
            _ when !claimed && time.GetUtcNow() >= expiresAt => (HttpStatusCode.Gone, LinkOutcome.Unknown),
            _ => (HttpStatusCode.OK, LinkOutcome.Offered),
        };
        var waiting = outcome == LinkOutcome.Offered && claimed;
        return new LinkState(status, LinkPurpose.Claim, message, appointment, outcome == LinkOutcome.Offered && !claimed, waiting, outcome);
    }

    private static IResult Html(HttpStatusCode status, string html) =>
        Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, (int)status);
}

/// <summary>Where the appointment a link is about stands.</summary>
internal enum LinkOutcome
{
    Unknown,
    Booked,
    Confirmed,
    Cancelled,
    CallTheClinic,
    Moved,
    Past,

    /// <summary>A waitlist offer still to take.</summary>
    Offered,

    /// <summary>The offered time is booked for the client.</summary>
    Claimed,

    /// <summary>Someone else took the offered time first.</summary>
    Taken,
}

/// <summary>Why scheduling refused a claim, as it says.</summary>
internal static class WaitlistClaimRefusals
{
    public const string Expired = "expired";

    public const string Taken = "taken";
}

/// <summary>What a link page shows: the answer, whether it can still be given, and whether it is on its way.</summary>
internal sealed record LinkState(
    HttpStatusCode Status, LinkPurpose Purpose, Message? Message, KnownAppointment? Appointment, bool Actionable, bool Waiting, LinkOutcome Outcome);

/// <summary>The page, in the client's language, with the clinic's name and the appointment's time in its zone.</summary>
internal sealed class LinkPage(string language, KnownLocation? location)
{
    private readonly bool _es = language == "es";

    public string Render(LinkState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var clinic = WebUtility.HtmlEncode(location?.Name ?? (_es ? "Su clínica" : "Your clinic"));
        var at = state.Appointment?.StartsAt ?? state.Message?.Facts.StartsAt;
        var when = at is { } instant ? WebUtility.HtmlEncode(When(instant)) : string.Empty;
        var (title, body) = state switch
        {
            { Status: HttpStatusCode.NotFound } => (T("Link not recognised", "Enlace no reconocido"), T("This link is not valid. Please call the clinic.", "Este enlace no es válido. Llame a la clínica, por favor.")),
            { Status: HttpStatusCode.Gone, Purpose: LinkPurpose.Claim } => (T("This offer has expired", "Esta oferta ha caducado"), T("The time is no longer held for you. You are still on the waiting list; call the clinic if you would like to book.", "La hora ya no está reservada para usted. Sigue en la lista de espera; llame a la clínica si desea reservar.")),
            { Status: HttpStatusCode.Gone } => (T("This link has expired", "Este enlace ha caducado"), T("Please call the clinic.", "Llame a la clínica, por favor.")),
            { Purpose: LinkPurpose.Claim, Outcome: LinkOutcome.Claimed } => (T("Booked", "Reservada"), T($"The time is yours: you are booked on {when}. A confirmation is on its way.", $"La hora es suya: tiene cita el {when}. Le enviamos la confirmación.")),
            { Purpose: LinkPurpose.Claim, Outcome: LinkOutcome.Taken } => (T("This time was taken", "Esta hora ya está ocupada"), T("Someone else booked this time first. You are still on the waiting list.", "Otra persona reservó esta hora antes. Sigue en la lista de espera.")),
            { Purpose: LinkPurpose.Claim, Outcome: LinkOutcome.CallTheClinic } => (T("Please call the clinic", "Llame a la clínica"), T("This time could not be booked here. Please call the clinic.", "No se pudo reservar esta hora aquí. Llame a la clínica, por favor.")),
            { Outcome: LinkOutcome.Cancelled } => (T("Cancelled", "Cancelada"), T($"Your appointment on {when} is cancelled.", $"Su cita del {when} está cancelada.")),
            { Outcome: LinkOutcome.CallTheClinic } => (T("Please call the clinic", "Llame a la clínica"), T($"Your appointment on {when} is too close to cancel here. Please call the clinic.", $"Su cita del {when} está demasiado cerca para cancelarla aquí. Llame a la clínica.")),
            { Outcome: LinkOutcome.Moved } => (T("This appointment has moved", "Esta cita ha cambiado"), T("Use the link in the newest message about it, or call the clinic.", "Use el enlace del mensaje más reciente o llame a la clínica.")),
            { Outcome: LinkOutcome.Past or LinkOutcome.Unknown } => (T("Nothing to do here", "Nada que hacer aquí"), T("This appointment can no longer be changed here.", "Esta cita ya no se puede cambiar aquí.")),
            { Purpose: LinkPurpose.Confirm, Outcome: LinkOutcome.Confirmed } => (T("Confirmed", "Confirmada"), T($"Thank you: your appointment on {when} is confirmed.", $"Gracias: su cita del {when} está confirmada.")),
            { Waiting: true } => (T("Thank you", "Gracias"), T("Your answer has been passed to the clinic. This page shows the outcome when you open it again.", "Su respuesta se ha enviado a la clínica. Esta página mostrará el resultado cuando la abra de nuevo.")),
            { Purpose: LinkPurpose.Confirm } => (T("Confirm your appointment", "Confirme su cita"), T($"Will you come on {when}?", $"¿Vendrá el {when}?")),
            { Purpose: LinkPurpose.Claim } => (T("A time opened for you", "Se liberó una hora para usted"), T($"Take the time on {when}?", $"¿Toma la hora del {when}?")),
            _ => (T("Cancel your appointment", "Cancele su cita"), T($"Cancel your appointment on {when}?", $"¿Cancelar su cita del {when}?")),
        };
        var button = state.Actionable
            ? $"<form method=\"post\"><button type=\"submit\">{state.Purpose switch
            {
                LinkPurpose.Confirm => T("Yes, I will come", "Sí, vendré"),
                LinkPurpose.Claim => T("Book this time", "Reservar esta hora"),
                _ => T("Cancel the appointment", "Cancelar la cita"),
            }}</button></form>"
            : string.Empty;
        return $"""
            <!DOCTYPE html>
            <html lang="{(_es ? "es" : "en")}">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="referrer" content="no-referrer"><meta name="robots" content="noindex">
            <title>{title} | {clinic}</title>
            <style>body{"{"}font-family:system-ui,sans-serif;font-size:18px;line-height:1.5;max-width:34rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b{"}"}
            button{"{"}font-size:1.1rem;padding:.75rem 1.25rem;border-radius:.5rem;border:0;background:#0b5c5a;color:#fff;cursor:pointer{"}"}
            button:focus-visible{"{"}outline:3px solid #e8a33d;outline-offset:3px{"}"}</style></head>
            <body><main><p>{clinic}</p><h1>{title}</h1><p>{body}</p>{button}</main></body>
            </html>
            """;
    }

    private string T(string english, string spanish) => _es ? spanish : english;

    private string When(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, location?.Zone ?? TimeZoneInfo.Utc)
            .ToString(_es ? "dddd d 'de' MMMM, HH:mm" : "dddd, MMMM d, h:mm tt", CultureInfo.GetCultureInfo(_es ? "es-US" : "en-US"));
}

using System.Globalization;
using System.Net;
using System.Text;
using NmtPractice.Notifications.Locations;
using NmtPractice.Notifications.Templates;

namespace NmtPractice.Notifications.Sending;

/// <summary>What a message speaks of, looked up when it is written.</summary>
/// <param name="Location">The location, if known.</param>
/// <param name="Therapist">The therapist's name, if known.</param>
/// <param name="CancellationNotice">The notice the clinic asks for a cancellation.</param>
/// <param name="ConfirmLink">The signed link that confirms the appointment, for an email about one.</param>
/// <param name="CancelLink">The signed link that cancels it.</param>
/// <param name="ClaimLink">The signed link that takes a time offered from the waitlist.</param>
public sealed record MessageContext(
    KnownLocation? Location, string? Therapist, TimeSpan CancellationNotice, Uri? ConfirmLink = null, Uri? CancelLink = null, Uri? ClaimLink = null);

/// <summary>A message written out in the client's language.</summary>
public sealed record WrittenMessage(string Subject, string Text, string Html, CalendarFile? Calendar);

/// <summary>
/// Writes a message out from its text (the location's, the chain's or the built-in one: see
/// <see cref="TemplateTexts"/>), with times in the location's zone and the client's language, the
/// links it carries, and the calendar file of an appointment. A text message is the short form.
/// </summary>
public static class MessageTexts
{
    private static readonly Dictionary<(string Answer, string Language), string> Replies = new()
    {
        [("confirmed", "en")] = "{location}: thank you, your appointment {when} is confirmed.",
        [("confirmed", "es")] = "{location}: gracias, su cita del {when} está confirmada.",
        [("cancelled", "en")] = "{location}: your appointment {when} is cancelled.",
        [("cancelled", "es")] = "{location}: su cita del {when} está cancelada.",
        [("call-the-clinic", "en")] = "{location}: your appointment {when} is less than {notice} hours away. Please call the clinic to cancel.",
        [("call-the-clinic", "es")] = "{location}: faltan menos de {notice} horas para su cita del {when}. Llame a la clínica para cancelarla.",
        [("no-longer-booked", "en")] = "{location}: that appointment can no longer be changed by text. Please call the clinic.",
        [("no-longer-booked", "es")] = "{location}: esa cita ya no se puede cambiar por mensaje. Llame a la clínica, por favor.",
        [("opted-out", "en")] = "You will get no more text messages from us. Ask the clinic to start them again.",
        [("opted-out", "es")] = "No recibirá más mensajes de texto. Pida a la clínica que los reanude.",
        [("not-understood", "en")] = "Reply C to confirm your appointment, X to cancel it, or STOP for no more texts.",
        [("not-understood", "es")] = "Responda C para confirmar su cita, X para cancelarla o STOP para no recibir más mensajes.",
    };

    /// <summary>
    /// The message written out in <paramref name="language"/> (English when that is not one the chain
    /// writes in) from <paramref name="text"/>, or the built-in text when none is given.
    /// </summary>
    public static WrittenMessage Write(Message message, MessageContext context, string language, TemplateText? text = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Write(message.Kind, message.Channel, message.Facts, message.History[0].At, context, language, text);
    }

    /// <summary>A message of <paramref name="kind"/> on <paramref name="channel"/> about <paramref name="facts"/>, written out (a preview writes one that was never planned).</summary>
    public static WrittenMessage Write(
        MessageKind kind, Channel channel, MessageFacts facts, DateTimeOffset plannedAt, MessageContext context, string language, TemplateText? text = null)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(context);
        var lang = language == "es" ? "es" : "en";
        var culture = CultureInfo.GetCultureInfo(lang == "es" ? "es-US" : "en-US");
        var zone = context.Location?.Zone ?? TimeZoneInfo.Utc;
        var values = Values(facts, context, lang, culture, zone);

        if (kind == MessageKind.SignInCode)
        {
            return SignInCode(facts, plannedAt, values["location"], lang);
        }

        if (kind == MessageKind.Reply)
        {
            var reply = Fill(Replies.GetValueOrDefault((facts.Text ?? "not-understood", lang)) ?? Replies[("not-understood", lang)], values);
            return new WrittenMessage(reply, reply, Paragraphs(reply), null);
        }

        var words = text ?? TemplateTexts.Default(kind, lang);
        var filled = Fill(channel == Channel.Sms ? words.Sms : words.Body, values);
        var links = new List<(string Label, Uri Link)>();
        if (channel == Channel.Email && context is { ConfirmLink: { } confirm, CancelLink: { } cancel })
        {
            links.Add((lang == "es" ? "Confirmar que vendrá" : "Confirm you will come", confirm));
            links.Add((lang == "es" ? "Cancelar la cita" : "Cancel the appointment", cancel));
        }

        if (context.ClaimLink is { } claim)
        {
            links.Add((lang == "es" ? "Tomar esta hora" : "Take this time", claim));
        }

        var calendar = kind is MessageKind.Confirmation or MessageKind.Reminder or MessageKind.Change or MessageKind.Cancellation
            && facts is { AppointmentId: { } appointmentId, StartsAt: { } starts, EndsAt: { } ends }
            ? Ics(appointmentId, starts, ends, kind == MessageKind.Cancellation, values["location"], values["address"], values["therapist"], plannedAt)
            : null;
        // A text message carries a link bare, after its words; an email names each.
        var plain = links.Count == 0 ? filled
            : channel == Channel.Sms ? filled + " " + string.Join(" ", links.Select(link => link.Link.AbsoluteUri))
            : filled + "\n\n" + string.Join("\n", links.Select(link => $"{link.Label}: {link.Link}"));
        var html = Paragraphs(filled, links);
        return new WrittenMessage(Fill(words.Subject, values), plain, html, calendar);
    }

    /// <summary>
    /// A sign-in code: fixed words (not a template staff edit: a code email must look the same every
    /// time, so that a copy with other words or links stands out), the code on a line of its own, no link.
    /// </summary>
    private static WrittenMessage SignInCode(MessageFacts facts, DateTimeOffset plannedAt, string location, string lang)
    {
        var code = facts.Text ?? throw new InvalidOperationException("A sign-in code message carries its code.");
        var minutes = Math.Max(1, (int)Math.Round(((facts.HoldsUntil ?? plannedAt.AddMinutes(10)) - plannedAt).TotalMinutes)).ToString(CultureInfo.InvariantCulture);
        var (subject, lines) = lang == "es"
            ? ($"Su código para entrar: {location}", new[]
            {
                $"Su código para entrar en el portal de clientes de {location} es:",
                code,
                $"Sirve una sola vez, durante {minutes} minutos. No lo comparta: la clínica nunca se lo pedirá.",
                "Si no ha pedido entrar, ignore este mensaje: nadie puede entrar sin el código.",
            })
            : ($"Your sign-in code: {location}", new[]
            {
                $"Your code to sign in to the {location} client portal is:",
                code,
                $"It works once, for {minutes} minutes. Do not share it: the clinic will never ask you for it.",
                "If you did not ask to sign in, ignore this email: no one can sign in without the code.",
            });
        var text = string.Join("\n", lines);
        return new WrittenMessage(subject, text, Paragraphs(text), null);
    }

    private static Dictionary<string, string> Values(MessageFacts facts, MessageContext context, string lang, CultureInfo culture, TimeZoneInfo zone)
    {
        string When(DateTimeOffset? at) => at is { } instant
            ? TimeZoneInfo.ConvertTime(instant, zone).ToString(lang == "es" ? "dddd d 'de' MMMM, HH:mm" : "dddd, MMMM d, h:mm tt", culture)
            : string.Empty;

        var minutes = facts is { StartsAt: { } s, EndsAt: { } e } ? ((int)(e - s).TotalMinutes).ToString(culture) : string.Empty;
        var noticeHours = ((int)context.CancellationNotice.TotalHours).ToString(culture);
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["location"] = context.Location?.Name ?? (lang == "es" ? "Su clínica" : "Your clinic"),
            ["address"] = context.Location?.Address ?? string.Empty,
            ["therapist"] = context.Therapist ?? (lang == "es" ? "su terapeuta" : "your therapist"),
            ["when"] = When(facts.StartsAt),
            ["previous"] = When(facts.PreviousStartsAt),
            ["holds"] = When(facts.HoldsUntil),
            ["minutes"] = minutes,
            ["notice"] = noticeHours,
            ["policy"] = lang == "es"
                ? $"Si no puede venir, avísenos con {noticeHours} horas de antelación."
                : $"If you cannot come, please let us know {noticeHours} hours ahead.",
        };
    }

    private static string Fill(string template, Dictionary<string, string> values)
    {
        var text = new StringBuilder(template);
        foreach (var (key, value) in values)
        {
            text.Replace("{" + key + "}", value);
        }

        return text.ToString();
    }

    private static string Paragraphs(string text, IReadOnlyList<(string Label, Uri Link)>? links = null) =>
        "<!DOCTYPE html><html><body style=\"font-family:sans-serif;font-size:16px;line-height:1.5\">"
        + string.Concat(text.Split('\n').Where(line => line.Length > 0).Select(line => $"<p>{WebUtility.HtmlEncode(line)}</p>"))
        + string.Concat((links ?? []).Select(link => $"<p><a href=\"{WebUtility.HtmlEncode(link.Link.AbsoluteUri)}\">{WebUtility.HtmlEncode(link.Label)}</a></p>"))
        + "</body></html>";

    /// <summary>An RFC 5545 calendar with the appointment (UTC times; cancelled when it is), stable UID per appointment so calendars update it.</summary>
    private static CalendarFile Ics(Guid appointmentId, DateTimeOffset starts, DateTimeOffset ends, bool cancelled, string location, string address, string therapist, DateTimeOffset stamp)
    {
        static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(";", "\\;", StringComparison.Ordinal)
            .Replace(",", "\\,", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

        var lines = new List<string>
        {
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//NmtPractice//Appointments//EN",
            cancelled ? "METHOD:CANCEL" : "METHOD:PUBLISH",
            "BEGIN:VEVENT",
            $"UID:{appointmentId:N}@nmtpractice",
            $"DTSTAMP:{Utc(stamp)}",
            // Later messages about the same appointment (a move, a cancellation) update the event in the client's calendar.
            $"SEQUENCE:{stamp.ToUnixTimeSeconds() / 60}",
            $"DTSTART:{Utc(starts)}",
            $"DTEND:{Utc(ends)}",
            $"SUMMARY:{Escape($"{location}: {therapist}")}",
            $"LOCATION:{Escape(string.IsNullOrEmpty(address) ? location : $"{location}, {address}")}",
            cancelled ? "STATUS:CANCELLED" : "STATUS:CONFIRMED",
            "END:VEVENT",
            "END:VCALENDAR",
        };
        return new CalendarFile("appointment.ics", string.Join("\r\n", lines) + "\r\n");
    }
}

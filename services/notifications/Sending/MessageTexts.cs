using System.Globalization;
using System.Net;
using System.Text;
using NmtPractice.Notifications.Locations;

namespace NmtPractice.Notifications.Sending;

/// <summary>What a message speaks of, looked up when it is written.</summary>
/// <param name="Location">The location, if known.</param>
/// <param name="Therapist">The therapist's name, if known.</param>
/// <param name="CancellationNotice">The notice the clinic asks for a cancellation.</param>
/// <param name="ConfirmLink">The signed link that confirms the appointment, for an email about one.</param>
/// <param name="CancelLink">The signed link that cancels it.</param>
public sealed record MessageContext(KnownLocation? Location, string? Therapist, TimeSpan CancellationNotice, Uri? ConfirmLink = null, Uri? CancelLink = null);

/// <summary>A message written out in the client's language.</summary>
public sealed record WrittenMessage(string Subject, string Text, string Html, CalendarFile? Calendar);

/// <summary>
/// The chain's message texts in plain language, in English and Spanish, with times in the location's
/// zone and the client's language. A text message is the short form: it fits in two SMS parts.
/// </summary>
public static class MessageTexts
{
    private static readonly Dictionary<(MessageKind, string), (string Subject, string Body, string Sms)> Texts = new()
    {
        [(MessageKind.Confirmation, "en")] = (
            "Booked: {when} at {location}",
            "You are booked at {location} on {when}, {minutes} minutes with {therapist}.\nWhere: {address}\n{policy}",
            "{location}: you are booked {when} with {therapist}. Reply C to confirm, X to cancel."),
        [(MessageKind.Confirmation, "es")] = (
            "Cita reservada: {when} en {location}",
            "Tiene una cita en {location} el {when}, {minutes} minutos con {therapist}.\nDirección: {address}\n{policy}",
            "{location}: cita reservada el {when} con {therapist}. Responda C para confirmar, X para cancelar."),
        [(MessageKind.Reminder, "en")] = (
            "Reminder: {when} at {location}",
            "A reminder of your appointment at {location} on {when}, {minutes} minutes with {therapist}.\nWhere: {address}\n{policy}",
            "{location}: reminder of your appointment {when} with {therapist}. Reply C to confirm, X to cancel."),
        [(MessageKind.Reminder, "es")] = (
            "Recordatorio: {when} en {location}",
            "Le recordamos su cita en {location} el {when}, {minutes} minutos con {therapist}.\nDirección: {address}\n{policy}",
            "{location}: recordatorio de su cita el {when} con {therapist}. Responda C para confirmar, X para cancelar."),
        [(MessageKind.Change, "en")] = (
            "Moved: your appointment is now {when}",
            "Your appointment at {location} has moved from {previous} to {when}, {minutes} minutes with {therapist}.\nWhere: {address}\n{policy}",
            "{location}: your appointment moved from {previous} to {when} with {therapist}."),
        [(MessageKind.Change, "es")] = (
            "Cambio: su cita es ahora el {when}",
            "Su cita en {location} ha cambiado del {previous} al {when}, {minutes} minutos con {therapist}.\nDirección: {address}\n{policy}",
            "{location}: su cita cambió del {previous} al {when} con {therapist}."),
        [(MessageKind.Cancellation, "en")] = (
            "Cancelled: your appointment on {when}",
            "Your appointment at {location} on {when} with {therapist} is cancelled. Call the clinic or book again when it suits you.",
            "{location}: your appointment {when} is cancelled."),
        [(MessageKind.Cancellation, "es")] = (
            "Cancelada: su cita del {when}",
            "Su cita en {location} el {when} con {therapist} está cancelada. Llame a la clínica o reserve de nuevo cuando le convenga.",
            "{location}: su cita del {when} está cancelada."),
        [(MessageKind.WaitlistOffer, "en")] = (
            "A time opened for you: {when}",
            "A time you were waiting for opened at {location}: {when}, {minutes} minutes with {therapist}. It is held for you until {holds}; call the clinic to take it.",
            "{location}: a time opened {when} with {therapist}, held for you until {holds}. Call the clinic to take it."),
        [(MessageKind.WaitlistOffer, "es")] = (
            "Se liberó una hora para usted: {when}",
            "Se liberó en {location} la hora que esperaba: {when}, {minutes} minutos con {therapist}. Se la reservamos hasta el {holds}; llame a la clínica para tomarla.",
            "{location}: se liberó una hora el {when} con {therapist}, reservada hasta el {holds}. Llame a la clínica para tomarla."),
        [(MessageKind.IntakeRenewal, "en")] = (
            "Please update your health questionnaire",
            "Your health questionnaire at {location} is due for renewal. Please fill it in again before your next visit, so your therapist treats you safely.",
            "{location}: please update your health questionnaire before your next visit."),
        [(MessageKind.IntakeRenewal, "es")] = (
            "Por favor, actualice su cuestionario de salud",
            "Su cuestionario de salud en {location} debe renovarse. Rellénelo de nuevo antes de su próxima visita, para que su terapeuta le trate con seguridad.",
            "{location}: por favor, actualice su cuestionario de salud antes de su próxima visita."),
    };

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

    /// <summary>The message written out in <paramref name="language"/> (English when that is not one the chain writes in).</summary>
    public static WrittenMessage Write(Message message, MessageContext context, string language)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(context);
        var lang = language == "es" ? "es" : "en";
        var culture = CultureInfo.GetCultureInfo(lang == "es" ? "es-US" : "en-US");
        var zone = context.Location?.Zone ?? TimeZoneInfo.Utc;
        var values = Values(message.Facts, context, lang, culture, zone);

        if (message.Kind == MessageKind.Reply)
        {
            var reply = Fill(Replies.GetValueOrDefault((message.Facts.Text ?? "not-understood", lang)) ?? Replies[("not-understood", lang)], values);
            return new WrittenMessage(reply, reply, Paragraphs(reply), null);
        }

        var (subject, body, sms) = Texts[(message.Kind, lang)];
        var text = Fill(message.Channel == Channel.Sms ? sms : body, values);
        var links = message.Channel == Channel.Email && context is { ConfirmLink: { } confirm, CancelLink: { } cancel }
            ? new[] { (lang == "es" ? "Confirmar que vendrá" : "Confirm you will come", confirm), (lang == "es" ? "Cancelar la cita" : "Cancel the appointment", cancel) }
            : [];
        var calendar = message.Kind is MessageKind.Confirmation or MessageKind.Reminder or MessageKind.Change or MessageKind.Cancellation
            && message.Facts is { AppointmentId: { } appointmentId, StartsAt: { } starts, EndsAt: { } ends }
            ? Ics(appointmentId, starts, ends, message.Kind == MessageKind.Cancellation, values["location"], values["address"], values["therapist"], message.History[0].At)
            : null;
        var plain = links.Length == 0 ? text : text + "\n\n" + string.Join("\n", links.Select(link => $"{link.Item1}: {link.Item2}"));
        var html = Paragraphs(text, links);
        return new WrittenMessage(Fill(subject, values), plain, html, calendar);
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

using System.Text.RegularExpressions;

namespace NmtPractice.Notifications.Templates;

/// <summary>The words of one kind of message in one language: an email's subject and body, and the text message's short form.</summary>
public sealed record TemplateText(string Subject, string Body, string Sms);

/// <summary>Where the text a location's messages use comes from.</summary>
public enum TemplateSource
{
    /// <summary>The text the product ships with.</summary>
    BuiltIn,

    /// <summary>The chain's own text, written by its operations.</summary>
    Chain,

    /// <summary>The location's own text, written by its manager.</summary>
    Location,
}

/// <summary>A placeholder a text may use, and what it becomes.</summary>
public sealed record Placeholder(string Name, string Description);

/// <summary>
/// The texts the product ships with (plain language, English and Spanish), the placeholders each kind
/// of message may use, the checks a written text passes, and which text applies: the location's own,
/// else the chain's, else the built-in one.
/// </summary>
public static partial class TemplateTexts
{
    /// <summary>The languages messages are written in.</summary>
    public static readonly IReadOnlyList<string> Languages = ["en", "es"];

    /// <summary>The kinds of message whose texts staff write (replies to a text stay built in).</summary>
    public static readonly IReadOnlyList<MessageKind> Kinds =
        [MessageKind.Confirmation, MessageKind.Reminder, MessageKind.Change, MessageKind.Cancellation, MessageKind.WaitlistOffer, MessageKind.IntakeRenewal];

    public const int MaxSubject = 200;

    public const int MaxBody = 4000;

    /// <summary>A text message template at most this long (the filled-in text should fit in two or three parts).</summary>
    public const int MaxSms = 400;

    /// <summary>Every placeholder, with what it becomes.</summary>
    public static readonly IReadOnlyList<Placeholder> Placeholders =
    [
        new("location", "The location's name."),
        new("address", "The location's address."),
        new("therapist", "The therapist's name."),
        new("when", "The day and time of the appointment, on the location's clock."),
        new("minutes", "How long the appointment is, in minutes."),
        new("previous", "Where the appointment was before it moved (change notices only)."),
        new("holds", "Until when a freed time is held for the client (waitlist offers only)."),
        new("notice", "The hours of notice the clinic asks for a cancellation."),
        new("policy", "The cancellation policy, as one sentence."),
    ];

    private static readonly Dictionary<(MessageKind, string), TemplateText> BuiltIn = new()
    {
        [(MessageKind.Confirmation, "en")] = new(
            "Booked: {when} at {location}",
            "You are booked at {location} on {when}, {minutes} minutes with {therapist}.\nWhere: {address}\n{policy}",
            "{location}: you are booked {when} with {therapist}. Reply C to confirm, X to cancel."),
        [(MessageKind.Confirmation, "es")] = new(
            "Cita reservada: {when} en {location}",
            "Tiene una cita en {location} el {when}, {minutes} minutos con {therapist}.\nDirección: {address}\n{policy}",
            "{location}: cita reservada el {when} con {therapist}. Responda C para confirmar, X para cancelar."),
        [(MessageKind.Reminder, "en")] = new(
            "Reminder: {when} at {location}",
            "A reminder of your appointment at {location} on {when}, {minutes} minutes with {therapist}.\nWhere: {address}\n{policy}",
            "{location}: reminder of your appointment {when} with {therapist}. Reply C to confirm, X to cancel."),
        [(MessageKind.Reminder, "es")] = new(
            "Recordatorio: {when} en {location}",
            "Le recordamos su cita en {location} el {when}, {minutes} minutos con {therapist}.\nDirección: {address}\n{policy}",
            "{location}: recordatorio de su cita el {when} con {therapist}. Responda C para confirmar, X para cancelar."),
        [(MessageKind.Change, "en")] = new(
            "Moved: your appointment is now {when}",
            "Your appointment at {location} has moved from {previous} to {when}, {minutes} minutes with {therapist}.\nWhere: {address}\n{policy}",
            "{location}: your appointment moved from {previous} to {when} with {therapist}."),
        [(MessageKind.Change, "es")] = new(
            "Cambio: su cita es ahora el {when}",
            "Su cita en {location} ha cambiado del {previous} al {when}, {minutes} minutos con {therapist}.\nDirección: {address}\n{policy}",
            "{location}: su cita cambió del {previous} al {when} con {therapist}."),
        [(MessageKind.Cancellation, "en")] = new(
            "Cancelled: your appointment on {when}",
            "Your appointment at {location} on {when} with {therapist} is cancelled. Call the clinic or book again when it suits you.",
            "{location}: your appointment {when} is cancelled."),
        [(MessageKind.Cancellation, "es")] = new(
            "Cancelada: su cita del {when}",
            "Su cita en {location} el {when} con {therapist} está cancelada. Llame a la clínica o reserve de nuevo cuando le convenga.",
            "{location}: su cita del {when} está cancelada."),
        [(MessageKind.WaitlistOffer, "en")] = new(
            "A time opened for you: {when}",
            "A time you were waiting for opened at {location}: {when}, {minutes} minutes with {therapist}. It is held for you until {holds}. Take it with the link below, or call the clinic.",
            "{location}: a time opened {when} with {therapist}, held for you until {holds}. Take it here:"),
        [(MessageKind.WaitlistOffer, "es")] = new(
            "Se liberó una hora para usted: {when}",
            "Se liberó en {location} la hora que esperaba: {when}, {minutes} minutos con {therapist}. Se la reservamos hasta el {holds}. Tómela con el enlace de abajo o llame a la clínica.",
            "{location}: se liberó una hora el {when} con {therapist}, reservada hasta el {holds}. Tómela aquí:"),
        [(MessageKind.IntakeRenewal, "en")] = new(
            "Please update your health questionnaire",
            "Your health questionnaire at {location} is due for renewal. Please fill it in again before your next visit, so your therapist treats you safely.",
            "{location}: please update your health questionnaire before your next visit."),
        [(MessageKind.IntakeRenewal, "es")] = new(
            "Por favor, actualice su cuestionario de salud",
            "Su cuestionario de salud en {location} debe renovarse. Rellénelo de nuevo antes de su próxima visita, para que su terapeuta le trate con seguridad.",
            "{location}: por favor, actualice su cuestionario de salud antes de su próxima visita."),
    };

    /// <summary>The built-in text of <paramref name="kind"/> in <paramref name="language"/>.</summary>
    public static TemplateText Default(MessageKind kind, string language) =>
        BuiltIn.TryGetValue((kind, language), out var text) ? text : throw new ArgumentException($"No built-in text for {kind} in '{language}'.", nameof(kind));

    /// <summary>The text that applies and where it comes from: the location's own, else the chain's, else the built-in one.</summary>
    public static (TemplateText Text, TemplateSource Source) Effective(MessageKind kind, string language, MessageTemplate? chain, MessageTemplate? location) =>
        location is { InUse: true } ? (location.Text, TemplateSource.Location)
        : chain is { InUse: true } ? (chain.Text, TemplateSource.Chain)
        : (Default(kind, language), TemplateSource.BuiltIn);

    /// <summary>The placeholders a message of <paramref name="kind"/> may use.</summary>
    public static IReadOnlyList<Placeholder> For(MessageKind kind) => Placeholders
        .Where(placeholder => placeholder.Name switch
        {
            "previous" => kind == MessageKind.Change,
            "holds" => kind == MessageKind.WaitlistOffer,
            "therapist" or "when" or "minutes" => kind != MessageKind.IntakeRenewal,
            _ => true,
        })
        .ToList();

    /// <summary>The kind a URL names (<c>waitlist-offer</c>), if it is one whose text staff write.</summary>
    public static bool TryParseKind(string? name, out MessageKind kind)
    {
        foreach (var candidate in Kinds)
        {
            if (string.Equals(Name(candidate), name, StringComparison.Ordinal))
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }

    /// <summary>The name of a kind in URLs and answers: <c>confirmation</c>, <c>waitlist-offer</c>.</summary>
    public static string Name(MessageKind kind) => KebabCase().Replace(kind.ToString(), "$1-$2").ToLowerInvariant();

    /// <summary>
    /// What is wrong with a text written for <paramref name="kind"/>, by field: each part is required and
    /// bounded, and may use only the placeholders of its kind, spelled as <c>{name}</c>.
    /// </summary>
    public static InputErrors Check(MessageKind kind, string? subject, string? body, string? sms)
    {
        var allowed = For(kind).Select(placeholder => placeholder.Name).ToHashSet(StringComparer.Ordinal);
        var errors = new InputErrors();
        Part(errors, "subject", subject, MaxSubject, allowed, singleLine: true);
        Part(errors, "body", body, MaxBody, allowed, singleLine: false);
        Part(errors, "sms", sms, MaxSms, allowed, singleLine: false);
        return errors;
    }

    /// <summary>How many SMS parts <paramref name="text"/> takes: 160/153 characters in the GSM alphabet, 70/67 in UCS-2 (any non-ASCII character).</summary>
    public static int SmsParts(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var unicode = text.Any(c => c > 127);
        var (single, part) = unicode ? (70, 67) : (160, 153);
        return text.Length <= single ? 1 : (text.Length + part - 1) / part;
    }

    private static void Part(InputErrors errors, string field, string? value, int max, HashSet<string> allowed, bool singleLine)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(field, "Required.");
            return;
        }

        if (value.Length > max)
        {
            errors.Add(field, $"At most {max} characters.");
            return;
        }

        if (singleLine && value.Contains('\n', StringComparison.Ordinal))
        {
            errors.Add(field, "One line.");
            return;
        }

        if (value.Any(c => char.IsControl(c) && c != '\n' && c != '\r'))
        {
            errors.Add(field, "Contains a control character.");
            return;
        }

        var unknown = Braces().Matches(value).Select(match => match.Value)
            .Where(token => !(token.Length > 2 && token[0] == '{' && token[^1] == '}' && allowed.Contains(token[1..^1])))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (unknown.Count > 0)
        {
            errors.Add(field, $"Unknown placeholder {string.Join(", ", unknown)}; this message may use {string.Join(", ", allowed.Order(StringComparer.Ordinal).Select(name => "{" + name + "}"))}.");
        }
    }

    /// <summary>A placeholder, or a lone brace.</summary>
    [GeneratedRegex(@"\{[^{}\n]*\}|[{}]")]
    private static partial Regex Braces();

    [GeneratedRegex("([a-z])([A-Z])")]
    private static partial Regex KebabCase();
}

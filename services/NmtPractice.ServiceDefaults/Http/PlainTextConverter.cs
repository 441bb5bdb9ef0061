using System.Text.Json;
using System.Text.Json.Serialization;

namespace NmtPractice.ServiceDefaults.Http;

/// <summary>
/// Reads every JSON string of a request, refusing control characters other than tab, line feed and
/// carriage return: PostgreSQL cannot store NUL in text or JSON, and escape sequences have no place
/// in names or notes (they would also reach logs and terminals). A refusal is a 400 naming the field.
/// </summary>
public sealed class PlainTextConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var value = reader.GetString();
        if (value is not null && !IsPlainText(value))
        {
            throw new JsonException("Control characters are not allowed in text.");
        }

        return value;
    }

    /// <summary>Whether text has no control characters other than tab, line feed and carriage return.</summary>
    public static bool IsPlainText(string value) => !(value ?? string.Empty).Any(c => c < ' ' && c is not ('\t' or '\n' or '\r'));

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value);
    }
}

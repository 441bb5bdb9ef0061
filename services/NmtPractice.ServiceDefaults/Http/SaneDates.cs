using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace NmtPractice.ServiceDefaults.Http;

/// <summary>
/// The dates a request may name: years 1900 to 2200. A date outside them is a 400 naming the field,
/// in a query, a route or a body, before any handler computes with it (a year-9999 start would
/// otherwise overflow the day arithmetic of a calendar or a booking into a 500).
/// </summary>
public static class SaneDates
{
    public const string Message = "Use a date from the year 1900 to 2200.";

    public static readonly DateOnly First = new(1900, 1, 1);

    public static readonly DateOnly Last = new(2200, 12, 31);

    public static bool Holds(DateOnly date) => date >= First && date <= Last;

    public static bool Holds(DateTimeOffset instant) => Holds(DateOnly.FromDateTime(instant.UtcDateTime));

    /// <summary>Refuses the query and route dates out of range of every endpoint mapped on <paramref name="group"/>.</summary>
    public static RouteGroupBuilder RequireSaneDates(this RouteGroupBuilder group) =>
        group.AddEndpointFilterFactory((context, next) =>
        {
            var dates = context.MethodInfo.GetParameters()
                .Select((parameter, index) => (parameter.Name ?? $"argument{index}", index, Type: Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType))
                .Where(parameter => parameter.Type == typeof(DateOnly) || parameter.Type == typeof(DateTimeOffset))
                .ToList();
            return dates.Count == 0 ? next : invocation =>
            {
                foreach (var (name, index, _) in dates)
                {
                    if (invocation.Arguments[index] is DateOnly date && !Holds(date)
                        || invocation.Arguments[index] is DateTimeOffset instant && !Holds(instant))
                    {
                        throw new RequestValidationException(name, Message);
                    }
                }

                return next(invocation);
            };
        });

    /// <summary>Reads a body's <see cref="DateOnly"/> (ISO 8601, <c>2027-03-09</c>) only inside the range.</summary>
    internal sealed class DateOnlyConverter : JsonConverter<DateOnly>
    {
        public override DateOnly Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String
                && DateOnly.TryParseExact(reader.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                && Holds(date)
                ? date
                : throw new JsonException(Message);

        public override void Write(Utf8JsonWriter writer, DateOnly value, JsonSerializerOptions options)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteStringValue(value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Reads a body's <see cref="DateTimeOffset"/> (ISO 8601) only inside the range.</summary>
    internal sealed class DateTimeOffsetConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out var instant) && Holds(instant)
                ? instant
                : throw new JsonException(Message);

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteStringValue(value);
        }
    }
}

using System.Globalization;
using System.Reflection;
using System.Text;

namespace NmtPractice.OutcomeReporting.Dashboards;

/// <summary>
/// CSV export of a view's rows (RFC 4180): one column per public property of the row type, in
/// declaration order, invariant culture, UTF-8. Text that a spreadsheet would run as a formula is
/// prefixed with an apostrophe.
/// </summary>
public static class Csv
{
    /// <summary>Whether the caller asked for CSV (<c>format=csv</c>); anything but json/csv is a 400.</summary>
    public static bool Wanted(string? format) => format?.ToLowerInvariant() switch
    {
        null or "" or "json" => false,
        "csv" => true,
        _ => throw new RequestValidationException("format", "One of json, csv."),
    };

    public static FileContentHttpResult File<TRow>(IEnumerable<TRow> rows, string name)
    {
        var properties = typeof(TRow).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(property => property.GetIndexParameters().Length == 0)
            .ToList();
        var text = new StringBuilder();
        text.AppendJoin(',', properties.Select(property => Escape(JsonName(property.Name)))).Append("\r\n");
        foreach (var row in rows)
        {
            text.AppendJoin(',', properties.Select(property => Escape(Format(property.GetValue(row))))).Append("\r\n");
        }

        return TypedResults.File(Encoding.UTF8.GetBytes(text.ToString()), "text/csv; charset=utf-8", $"{name}.csv");
    }

    private static string JsonName(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    private static string Format(object? value) => value switch
    {
        null => "",
        bool flag => flag ? "true" : "false",
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset instant => instant.ToString("O", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        string text when text.Length > 0 && "=+-@\t\r".Contains(text[0], StringComparison.Ordinal) => "'" + text,
        _ => value.ToString() ?? "",
    };

    private static string Escape(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}

using System.Text;

namespace NmtPractice.Web.Export;

/// <summary>
/// Adds readable names beside the ids of an outcome CSV: a <c>location</c> column after
/// <c>locationId</c>, a <c>therapist</c> column after <c>therapistId</c>, and a <c>name</c> column after
/// the grouping <c>key</c> (a therapist, location, technique or month). Names are quoted as CSV needs and
/// formula-like text is neutralised, as the services do for their own text.
/// </summary>
internal static class CsvNames
{
    public static string Add(string csv, Func<string, string?> nameOf)
    {
        ArgumentNullException.ThrowIfNull(csv);
        ArgumentNullException.ThrowIfNull(nameOf);
        var lines = csv.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        if (lines.Length == 0 || lines[0].Length == 0)
        {
            return csv;
        }

        var header = Split(lines[0]);
        var added = new List<(int After, string Column)>();
        for (var i = 0; i < header.Count; i++)
        {
            var column = header[i] switch
            {
                "locationId" => "location",
                "therapistId" => "therapist",
                "key" => "name",
                _ => null,
            };
            if (column is not null)
            {
                added.Add((i, column));
            }
        }

        if (added.Count == 0)
        {
            return csv;
        }

        var output = new StringBuilder();
        for (var line = 0; line < lines.Length; line++)
        {
            if (lines[line].Length == 0)
            {
                continue;
            }

            var fields = Split(lines[line]);
            var result = new List<string>();
            for (var i = 0; i < fields.Count; i++)
            {
                result.Add(Quote(fields[i]));
                foreach (var (after, column) in added.Where(add => add.After == i))
                {
                    result.Add(line == 0 ? column : Quote(Neutralise(nameOf(fields[i]) ?? "")));
                }
            }

            output.Append(string.Join(',', result)).Append("\r\n");
        }

        return output.ToString();
    }

    private static List<string> Split(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }

    private static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;

    private static string Neutralise(string value) => value.Length > 0 && "=+-@\t\r".Contains(value[0], StringComparison.Ordinal) ? "'" + value : value;
}

using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;

namespace NmtPractice.EndToEnd.Tests;

/// <summary>One hostile variant of a valid request: what was done to it, and the body or query to send.</summary>
internal sealed record HostileVariant(string Name, string? Body, string? Query);

/// <summary>
/// Generates malformed, wrong-typed, oversized and boundary variants of a valid request: the JSON
/// body's every property (one level deep) gets a wrong type, null, an oversized or a boundary value;
/// every query parameter gets garbage; and the body as a whole is broken, emptied or made too large.
/// </summary>
internal static class HostileInputs
{
    /// <summary>The name of the variant whose body is over the gateway's size limit.</summary>
    public const string Oversized = "a body over the size limit";

    private static readonly string Huge = new('x', 20_000);

    public static IEnumerable<HostileVariant> ForBody(string json)
    {
        yield return new("not JSON", "{\"", null);
        yield return new("a JSON array", "[]", null);
        yield return new("a JSON string", "\"x\"", null);
        yield return new("an empty object", "{}", null);
        yield return new(Oversized, $"{{\"x\":\"{new string('x', 1_200_000)}\"}}", null);
        if (JsonNode.Parse(json) is not JsonObject template)
        {
            yield break;
        }

        foreach (var (path, value) in Properties(template, ""))
        {
            foreach (var (name, replacement) in Replacements(value))
            {
                var copy = (JsonObject)template.DeepClone();
                Replace(copy, path, replacement);
                yield return new($"{path} {name}", copy.ToJsonString(), null);
            }
        }
    }

    public static IEnumerable<HostileVariant> ForQuery(string query)
    {
        var parameters = QueryHelpers.ParseQuery(query);
        foreach (var key in parameters.Keys)
        {
            foreach (var (name, garbage) in new[] { ("empty", ""), ("not a value", "%%%"), ("oversized", Huge), ("far out", "99999-99-99"), ("negative", "-1") })
            {
                var mutated = parameters.ToDictionary(pair => pair.Key, pair => pair.Key == key ? garbage : pair.Value.ToString());
                yield return new($"{key} {name}", null, QueryHelpers.AddQueryString("", mutated!));
            }
        }
    }

    private static IEnumerable<(string Path, JsonNode? Value)> Properties(JsonObject node, string prefix)
    {
        foreach (var (name, value) in node)
        {
            var path = prefix.Length == 0 ? name : $"{prefix}.{name}";
            yield return (path, value);
            if (value is JsonObject child && prefix.Length == 0)
            {
                foreach (var nested in Properties(child, path))
                {
                    yield return nested;
                }
            }
        }
    }

    private static IEnumerable<(string Name, JsonNode? Value)> Replacements(JsonNode? value)
    {
        yield return ("null", null);
        yield return ("an object", new JsonObject { ["unexpected"] = true });
        switch (value)
        {
            case JsonValue scalar when scalar.TryGetValue<string>(out _):
                yield return ("a number", JsonValue.Create(123456789));
                yield return ("oversized", JsonValue.Create(Huge));
                yield return ("control characters", JsonValue.Create("\u0000\u0001\u001b[31m"));
                break;
            case JsonValue scalar when scalar.TryGetValue<bool>(out _):
                yield return ("a string", JsonValue.Create("yes"));
                break;
            case JsonValue:
                yield return ("a string", JsonValue.Create("ten"));
                yield return ("below zero", JsonValue.Create(-2147483649L));
                yield return ("huge", JsonValue.Create(decimal.MaxValue));
                break;
            case JsonArray:
                yield return ("a string", JsonValue.Create("x"));
                yield return ("an array of nulls", new JsonArray(null, null));
                break;
            default:
                yield return ("a string", JsonValue.Create("x"));
                break;
        }
    }

    private static void Replace(JsonObject root, string path, JsonNode? replacement)
    {
        var names = path.Split('.');
        var parent = names.Take(names.Length - 1).Aggregate(root, (node, name) => (JsonObject)node[name]!);
        parent[names[^1]] = replacement;
    }
}

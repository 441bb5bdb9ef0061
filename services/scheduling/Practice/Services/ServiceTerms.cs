namespace NmtPractice.Scheduling.Practice.Services;

/// <summary>What a service's terms must be, when it is defined and when they change.</summary>
internal static class ServiceTerms
{
    public static InputErrors Check(string? name, int? durationMinutes, int? bufferMinutes, decimal? price, string? currency) =>
        new InputErrors()
            .Text("name", name, 100)
            .Require(durationMinutes is >= 15 and <= 240 && durationMinutes % 5 == 0, "durationMinutes", "15 to 240, in steps of 5.")
            .Require(bufferMinutes is null or (>= 0 and <= 60), "bufferMinutes", "0 to 60.")
            .Require(price is >= 0 and <= 100_000, "price", "0 to 100000.")
            .Require(currency is { Length: 3 } code && code.All(char.IsAsciiLetterUpper), "currency", "An ISO 4217 code, for example USD.");
}

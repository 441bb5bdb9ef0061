using System.Text.RegularExpressions;
using NmtPractice.Contracts;

namespace NmtPractice.Architecture.Tests;

/// <summary>Integration events are small, immutable, past-tense records, one folder per context.</summary>
public sealed partial class ContractRulesTests
{
    public static TheoryData<Type> IntegrationEvents()
    {
        var data = new TheoryData<Type>();
        foreach (var type in typeof(IIntegrationEvent).Assembly.GetTypes().Where(t => typeof(IIntegrationEvent).IsAssignableFrom(t) && !t.IsInterface))
        {
            data.Add(type);
        }

        return data;
    }

    [Fact]
    public void There_are_integration_events() => Assert.NotEmpty(IntegrationEvents());

    [Theory]
    [MemberData(nameof(IntegrationEvents))]
    public void An_integration_event_is_a_sealed_record_named_in_the_past_tense_in_a_context_namespace(Type type)
    {
        Assert.True(type.IsSealed, $"{type.Name} must be sealed");
        Assert.NotNull(type.GetMethod("<Clone>$")); // records have a compiler-generated clone method
        Assert.Matches(PastTense(), type.Name);
        Assert.Matches(ContextNamespace(), type.Namespace);
    }

    [Theory]
    [MemberData(nameof(IntegrationEvents))]
    public void An_integration_event_is_immutable(Type type)
    {
        Assert.All(type.GetProperties(), property => Assert.True(
            property.SetMethod is null || property.SetMethod.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.Name == "IsExternalInit"),
            $"{type.Name}.{property.Name} has a public setter"));
    }

    [GeneratedRegex("^[A-Z][A-Za-z]*(ed|Sent|Held|Paid|Taken|Given|Written|Begun|Done|Made|Set|Lost|Found|Kept|Left|Met|Put|Read|Run|Shown|Seen|Spent|Won)(In|Out|Up|Off|Down|Over|NoShow)?(V[0-9]+)?$")]
    private static partial Regex PastTense();

    [GeneratedRegex(@"^NmtPractice\.Contracts\.[A-Z][A-Za-z]+$")]
    private static partial Regex ContextNamespace();
}

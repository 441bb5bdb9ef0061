using NmtPractice.Testing;
using Xunit.Sdk;
using Xunit.v3;

namespace NmtPractice.EndToEnd.Tests;

/// <summary>
/// All end-to-end test classes share one running system and run one after another, those marked
/// <see cref="RunsLastAttribute"/> at the end.
/// </summary>
[CollectionDefinition(Name)]
[TestClassOrderer(typeof(RunsLastOrderer))]
public sealed class RunningSystemCollection : ICollectionFixture<RunningSystem>
{
    public const string Name = "running system";
}

/// <summary>
/// The class's tests need something that only real time brings (an appointment booked at set-up to
/// have started): run after every other class, so that the time has passed by then instead of being
/// waited for.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RunsLastAttribute : Attribute;

/// <summary>xunit's own stable order of the classes, those marked <see cref="RunsLastAttribute"/> moved to the end.</summary>
public sealed class RunsLastOrderer : ITestClassOrderer
{
    public IReadOnlyCollection<TTestClass?> OrderTestClasses<TTestClass>(IReadOnlyCollection<TTestClass?> testClasses)
        where TTestClass : ITestClass
    {
        var ordered = DefaultTestClassOrderer.Instance.OrderTestClasses(testClasses);
        return [.. ordered.OrderBy(RunsLast)];
    }

    private static bool RunsLast<TTestClass>(TTestClass? testClass) where TTestClass : ITestClass =>
        testClass is IXunitTestClass xunitClass && xunitClass.Class.IsDefined(typeof(RunsLastAttribute), inherit: false);
}

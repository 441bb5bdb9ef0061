using NmtPractice.Testing;

namespace NmtPractice.EndToEnd.Tests;

/// <summary>All end-to-end test classes share one running system (and run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class RunningSystemCollection : ICollectionFixture<RunningSystem>
{
    public const string Name = "running system";
}

namespace NmtPractice.Architecture.Tests;

/// <summary>Services learn from each other only through contracts/: no service references another's code.</summary>
public sealed class DependencyRulesTests
{
    private static readonly string[] SharedProjects =
    [
        "contracts/NmtPractice.Contracts/NmtPractice.Contracts.csproj",
        "services/NmtPractice.ServiceDefaults/NmtPractice.ServiceDefaults.csproj",
    ];

    public static TheoryData<string, string> Deployables()
    {
        var data = new TheoryData<string, string>();
        foreach (var (directory, assembly) in Solution.Hosts)
        {
            data.Add(directory, assembly);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Deployables))]
    public void A_service_project_references_only_contracts_and_the_service_defaults(string directory, string assembly)
    {
        var references = Solution.ProjectReferences(Path.Combine(Solution.Root, directory, $"{assembly}.csproj"));

        Assert.All(references, reference => Assert.Contains(reference, SharedProjects));
    }

    [Theory]
    [MemberData(nameof(Deployables))]
    public void A_built_service_references_no_other_service_assembly(string directory, string assembly)
    {
        var others = Solution.Hosts.Select(s => s.Assembly).Where(name => name != assembly).ToHashSet();

        var references = Solution.AssemblyReferences(directory, assembly);

        Assert.DoesNotContain(references, others.Contains);
    }

    [Fact]
    public void Contracts_depend_on_nothing_but_the_base_library()
    {
        var references = Solution.AssemblyReferences("contracts/NmtPractice.Contracts", "NmtPractice.Contracts");

        Assert.All(references, reference => Assert.True(
            reference is "System.Runtime" or "netstandard" or "mscorlib" || reference.StartsWith("System.", StringComparison.Ordinal),
            $"Contracts reference {reference}"));
        Assert.Empty(Solution.ProjectReferences(Path.Combine(Solution.Root, SharedProjects[0])));
    }

    [Fact]
    public void The_service_defaults_reference_no_service()
    {
        var references = Solution.ProjectReferences(Path.Combine(Solution.Root, SharedProjects[1]));

        Assert.Equal([SharedProjects[0]], references);
    }

    [Fact]
    public void Tests_are_the_only_projects_outside_the_deployables_and_shared_code()
    {
        var expected = Solution.Hosts
            .Select(s => $"{s.Directory}/{s.Assembly}.csproj")
            .Concat(SharedProjects)
            .ToHashSet();

        var unexpected = Solution.ProjectFiles()
            .Select(path => Path.GetRelativePath(Solution.Root, path).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(path => !path.StartsWith("tests/", StringComparison.Ordinal))
            .Where(path => !expected.Contains(path));

        Assert.Empty(unexpected);
    }
}

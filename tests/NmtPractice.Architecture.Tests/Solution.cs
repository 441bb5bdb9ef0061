using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;
using NmtPractice.Testing;

namespace NmtPractice.Architecture.Tests;

/// <summary>The repository's deployable projects, their project files and built assemblies.</summary>
internal static class Solution
{
    public static readonly (string Directory, string Assembly)[] Services =
    [
        ("services/scheduling", "NmtPractice.Scheduling"),
        ("services/intake", "NmtPractice.Intake"),
        ("services/treatment-records", "NmtPractice.TreatmentRecords"),
        ("services/outcome-reporting", "NmtPractice.OutcomeReporting"),
        ("services/notifications", "NmtPractice.Notifications"),
    ];

    public static readonly (string Directory, string Assembly) Gateway = ("gateway/NmtPractice.Gateway", "NmtPractice.Gateway");

    public static readonly (string Directory, string Assembly) Web = ("gateway/NmtPractice.Web", "NmtPractice.Web");

    /// <summary>Every deployable host: the services, the gateway and the web application.</summary>
    public static IEnumerable<(string Directory, string Assembly)> Hosts => Services.Append(Gateway).Append(Web);

    public static string Root => TestInfrastructure.RepositoryRoot;

    public static IEnumerable<string> ProjectFiles() =>
        Directory.EnumerateFiles(Root, "*.csproj", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    /// <summary>The project references of a project file, as repository-relative paths.</summary>
    public static IReadOnlyList<string> ProjectReferences(string projectFile)
    {
        var directory = Path.GetDirectoryName(projectFile)!;
        return XDocument.Load(projectFile).Descendants("ProjectReference")
            .Select(reference => Path.GetRelativePath(Root, Path.GetFullPath(Path.Combine(directory, reference.Attribute("Include")!.Value)))
                .Replace(Path.DirectorySeparatorChar, '/'))
            .ToList();
    }

    /// <summary>The names of the assemblies a built assembly references.</summary>
    public static IReadOnlyList<string> AssemblyReferences(string directory, string assembly)
    {
        var path = ServiceProcess.BuiltAssembly(directory, assembly);
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        return metadata.AssemblyReferences.Select(handle => metadata.GetString(metadata.GetAssemblyReference(handle).Name)).ToList();
    }
}

using System.Diagnostics;
using System.Xml.Linq;

namespace NmtPractice.Architecture.Tests;

/// <summary>Build conventions and deployment files hold across the repository.</summary>
public sealed class RepositoryTests
{
    [Fact]
    public void Package_versions_are_central()
    {
        var local = Solution.ProjectFiles()
            .SelectMany(path => XDocument.Load(path).Descendants("PackageReference")
                .Where(reference => reference.Attribute("Version") is not null || reference.Attribute("VersionOverride") is not null)
                .Select(reference => $"{Path.GetFileName(path)}: {reference.Attribute("Include")?.Value}"))
            .Where(entry => !entry.StartsWith("Patched.DistributedLock.Postgres.Pack.csproj", StringComparison.Ordinal));

        Assert.Empty(local);
    }

    [Fact]
    public void No_project_turns_off_nullable_or_warnings_as_errors()
    {
        var offenders = Solution.ProjectFiles()
            .Where(path => XDocument.Load(path).Descendants().Any(element =>
                (element.Name.LocalName == "Nullable" && element.Value != "enable")
                || (element.Name.LocalName == "TreatWarningsAsErrors" && element.Value != "true")));

        Assert.Empty(offenders);
    }

    [Theory]
    [InlineData("services/scheduling/Dockerfile", "NmtPractice.Scheduling.dll")]
    [InlineData("services/intake/Dockerfile", "NmtPractice.Intake.dll")]
    [InlineData("services/treatment-records/Dockerfile", "NmtPractice.TreatmentRecords.dll")]
    [InlineData("services/outcome-reporting/Dockerfile", "NmtPractice.OutcomeReporting.dll")]
    [InlineData("services/notifications/Dockerfile", "NmtPractice.Notifications.dll")]
    [InlineData("gateway/NmtPractice.Gateway/Dockerfile", "NmtPractice.Gateway.dll")]
    [InlineData("gateway/NmtPractice.Web/Dockerfile", "NmtPractice.Web.dll")]
    public void Every_deployable_has_a_dockerfile_that_compose_builds(string dockerfile, string entryAssembly)
    {
        var text = File.ReadAllText(Path.Combine(Solution.Root, dockerfile));
        var compose = File.ReadAllText(Path.Combine(Solution.Root, "docker-compose.yml"));

        Assert.Contains(entryAssembly, text, StringComparison.Ordinal);
        Assert.Contains($"dockerfile: {dockerfile}", compose, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Docker_compose_file_is_valid()
    {
        var start = new ProcessStartInfo("docker-compose")
        {
            ArgumentList = { "--env-file", "deploy/docker/.env.example", "-f", "docker-compose.yml", "config", "-q" },
            WorkingDirectory = Solution.Root,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };

        using var process = Process.Start(start)!;
        var errors = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.True(process.ExitCode == 0, $"docker-compose config failed: {errors}");
    }

    [Fact]
    public async Task Docker_compose_refuses_to_run_without_the_secrets()
    {
        var emptyEnvFile = Path.GetTempFileName();
        var start = new ProcessStartInfo("docker-compose")
        {
            ArgumentList = { "--env-file", emptyEnvFile, "-f", "docker-compose.yml", "config", "-q" },
            WorkingDirectory = Solution.Root,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        foreach (var key in start.Environment.Keys.Where(key => key.StartsWith("NMT_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        using var process = Process.Start(start)!;
        var errors = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        File.Delete(emptyEnvFile);

        Assert.NotEqual(0, process.ExitCode);
        Assert.Contains("must be set", errors, StringComparison.Ordinal);
    }
}

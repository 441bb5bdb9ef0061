using System.Text.RegularExpressions;

namespace NmtPractice.Architecture.Tests;

/// <summary>
/// Every service is laid out the same way, so that a feature is found by its name: each endpoint in
/// its slice (<c>&lt;Aggregate&gt;/&lt;Verb&gt;ing&lt;Thing&gt;/&lt;Verb&gt;&lt;Thing&gt;.cs</c>, e.g.
/// <c>Clients/RegisteringClient/RegisterClient.cs</c>), <c>*Api.cs</c> files that only map routes,
/// writes through the shared write path, and responses that are never the aggregate itself.
/// </summary>
public sealed partial class SliceLayoutTests
{
    public static TheoryData<string> Services() => [.. Solution.Services.Select(service => service.Directory)];

    [Theory]
    [MemberData(nameof(Services))]
    public void Every_endpoint_lives_in_a_slice_named_for_what_it_does(string service)
    {
        var handlers = SourceFiles(service).Where(file => EndpointClass().IsMatch(file.Text)).ToList();

        Assert.NotEmpty(handlers);
        Assert.All(handlers, file =>
        {
            var directory = Path.GetFileName(Path.GetDirectoryName(file.Path)!);
            var slice = Slice().Match(directory);
            Assert.True(slice.Success, $"{file.Relative}: an endpoint sits in a folder named <Verb>ing<Thing>, not {directory}.");
            var thing = slice.Groups["thing"].Value;
            var main = Verbs(slice.Groups["stem"].Value).Select(verb => $"{verb}{thing}.cs");
            Assert.True(
                main.Any(name => File.Exists(Path.Combine(Path.GetDirectoryName(file.Path)!, name))),
                $"{file.Relative}: the slice {directory} has no {string.Join(" or ", main)}.");
            Assert.Matches($@"namespace NmtPractice\.\w+(\.\w+)*\.{directory};", file.Text);
        });
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Api_files_only_map_routes(string service)
    {
        var apis = SourceFiles(service).Where(file => file.Path.EndsWith("Api.cs", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(apis);
        Assert.All(apis, file => Assert.False(
            RouteFileBody().IsMatch(file.Text),
            $"{file.Relative} does more than map routes: handlers belong in their slice."));
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Endpoints_write_only_through_the_shared_write_path(string service)
    {
        var handlers = SourceFiles(service).Where(file => EndpointClass().IsMatch(file.Text));

        Assert.All(handlers, file => Assert.False(
            DirectWrite().IsMatch(file.Text),
            $"{file.Relative} appends or commits itself; load, decide and commit with RecordWriter."));
    }

    [Fact]
    public void No_endpoint_answers_with_an_aggregate()
    {
        var files = Solution.Services.SelectMany(service => SourceFiles(service.Directory)).ToList();
        var aggregates = files.SelectMany(file => EventSourced().Matches(file.Text).Select(match => match.Groups["type"].Value)).ToHashSet(StringComparer.Ordinal);

        Assert.Contains("Appointment", aggregates);
        Assert.Contains("ClientRecord", aggregates);
        Assert.Contains("SessionNote", aggregates);
        Assert.All(files.Where(file => EndpointClass().IsMatch(file.Text)), file =>
        {
            var bodies = ResultBody().Matches(file.Text).Select(match => match.Groups["type"].Value);
            Assert.DoesNotContain(bodies, aggregates.Contains);
        });
    }

    [Fact]
    public void Every_written_stream_is_an_aggregate_the_write_path_can_evolve()
    {
        var files = Solution.Services.SelectMany(service => SourceFiles(service.Directory)).ToList();
        var aggregates = files.SelectMany(file => EventSourced().Matches(file.Text).Select(match => match.Groups["type"].Value)).ToHashSet(StringComparer.Ordinal);
        var written = files.SelectMany(file => WrittenStream().Matches(file.Text).Select(match => match.Groups["type"].Value)).ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(written);
        Assert.All(written, type => Assert.Contains(type, aggregates));
    }

    /// <summary>The verbs a gerund stem can come from: Register-ing, Giv(e)-ing, Set(t)-ing.</summary>
    internal static IReadOnlyList<string> Verbs(string stem)
    {
        var verbs = new List<string> { stem, stem + "e" };
        if (stem.Length > 2 && stem[^1] == stem[^2])
        {
            verbs.Add(stem[..^1]);
        }

        return verbs;
    }

    private static IEnumerable<(string Path, string Relative, string Text)> SourceFiles(string service)
    {
        var root = Path.Combine(Solution.Root, service);
        return Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Select(path => (Path: path, Relative: Path.GetRelativePath(Solution.Root, path)))
            .Where(file => !file.Relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or "Migrations"))
            .Select(file => (file.Path, file.Relative, File.ReadAllText(file.Path)));
    }

    [GeneratedRegex(@"\bclass \w+Endpoints?\b", RegexOptions.CultureInvariant)]
    private static partial Regex EndpointClass();

    [GeneratedRegex(@"^(?<stem>[A-Z][a-z]+)ing(?<thing>[A-Z]\w*)$", RegexOptions.CultureInvariant)]
    private static partial Regex Slice();

    [GeneratedRegex(@"TypedResults|IDocumentSession|IQuerySession|RecordWriter|\basync\b|\bawait\b", RegexOptions.CultureInvariant)]
    private static partial Regex RouteFileBody();

    [GeneratedRegex(@"FetchForWriting<|StartStream<|\.AppendOne\(|\.AppendMany\(|SaveChangesAsync\(", RegexOptions.CultureInvariant)]
    private static partial Regex DirectWrite();

    [GeneratedRegex(@"IEventSourced<(?<type>\w+)>", RegexOptions.CultureInvariant)]
    private static partial Regex EventSourced();

    [GeneratedRegex(@"\b(?:Ok|Created|Accepted)<(?:IReadOnlyList<|IEnumerable<|List<)?(?<type>\w+)>", RegexOptions.CultureInvariant)]
    private static partial Regex ResultBody();

    [GeneratedRegex(@"(?:FetchForWriting|StartStream)<(?<type>\w+)>|(?:Rules<)(?<type>\w+)>", RegexOptions.CultureInvariant)]
    private static partial Regex WrittenStream();
}

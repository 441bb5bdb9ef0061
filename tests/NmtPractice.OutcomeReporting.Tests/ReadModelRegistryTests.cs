using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace NmtPractice.OutcomeReporting.Tests;

/// <summary>
/// The store of the running service projects exactly the read models of the registry, the list a
/// rebuild rebuilds: a projection registered anywhere else would never be rebuilt.
/// </summary>
public sealed class ReadModelRegistryTests(OutcomeReportingFixture fixture) : IClassFixture<OutcomeReportingFixture>
{
    private StoreOptions Options => (StoreOptions)fixture.Host.Services.GetRequiredService<IDocumentStore>().Options;

    [Fact]
    public void The_store_runs_the_projections_of_the_registry_and_no_other()
    {
        var registered = Options.Projections.All.Select(projection => projection.GetType().FullName).Order(StringComparer.Ordinal);

        Assert.Equal(ReadModels.All.Select(model => model.Projection.FullName).Order(StringComparer.Ordinal), registered);
    }

    [Fact]
    public void Every_async_shard_is_one_a_rebuild_restarts()
    {
        var shards = Options.Projections.AllShards().Select(shard => shard.Name.Identity).Order(StringComparer.Ordinal);

        Assert.Equal(ReadModels.All.Select(model => model.ShardName).Order(StringComparer.Ordinal), shards);
    }

    [Fact]
    public void Every_read_model_is_named_after_the_document_its_projection_writes()
    {
        Assert.All(ReadModels.All, model =>
        {
            var projection = Options.Projections.All.Single(registered => registered.GetType() == model.Projection);
            Assert.Equal([model.Document], projection.PublishedTypes());
            Assert.Equal(model.Name, projection.Name);
        });
    }
}

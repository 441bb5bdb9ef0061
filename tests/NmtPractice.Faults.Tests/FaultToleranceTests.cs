namespace NmtPractice.Faults.Tests;

/// <summary>
/// Under a front desk's load, processes are killed and the servers restarted. Afterwards the load
/// goes on, every event committed before, during and after the fault has reached every consumer
/// (exactly once in outcome reporting), and outcome reporting's read models equal a rebuild.
/// </summary>
[Collection(FaultySystemCollection.Name)]
public sealed class FaultToleranceTests(FaultySystem system)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(180);
    private static readonly SemaphoreSlim PracticeGate = new(1, 1);
    private static FaultPractice? _practice;

    [Fact]
    public Task Services_killed_with_SIGKILL_under_load_lose_nothing() => UnderLoadAsync(async () =>
    {
        // The publishers first (each mid-request and mid-publish), then the consumers, as a crash would.
        await Task.WhenAll(system.Service("intake").KillAsync(), system.Service("scheduling").KillAsync());
        await Task.WhenAll(system.Service("treatment-records").KillAsync(), system.Service("outcome-reporting").KillAsync());
        foreach (var name in new[] { "intake", "scheduling", "treatment-records", "outcome-reporting" })
        {
            system.Service(name).Start();
        }

        await Task.WhenAll(new[] { "intake", "scheduling", "treatment-records", "outcome-reporting" }
            .Select(name => system.Service(name).WaitUntilReadyAsync(TimeSpan.FromSeconds(120))));
    });

    [Fact]
    public Task RabbitMQ_restarted_under_load_loses_nothing() =>
        UnderLoadAsync(() => system.Infrastructure.RestartRabbitMqAsync(downFor: TimeSpan.FromSeconds(3)));

    [Fact]
    public Task PostgreSQL_crashed_and_restarted_under_load_loses_nothing() =>
        UnderLoadAsync(() => system.Infrastructure.RestartPostgresAsync(downFor: TimeSpan.FromSeconds(20)));

    private async Task UnderLoadAsync(Func<Task> fault)
    {
        var practice = await PracticeAsync();
        using var desk = await system.ClientForAsync("frontdesk.backbay");
        await using var load = ClinicLoad.Start(practice, desk, workers: 3);
        await load.UntilCompletedAsync(load.Completed + 5, Patience);

        await fault();

        // The desk carries on after the fault: more journeys finish.
        await load.UntilCompletedAsync(load.Completed + 5, Patience);
        await load.StopAsync();
        TestContext.Current.SendDiagnosticMessage($"{load.Completed} journeys ({practice.Handed} bookings handed out so far); resent after failures: {ClinicLoad.Describe(load.Failures)}");
        Assert.Empty(load.Unexpected);

        await Delivery.EverythingDeliveredAsync(system, Patience);
        await Delivery.ReadModelsEqualARebuildAsync(system);
    }

    private async Task<FaultPractice> PracticeAsync()
    {
        await PracticeGate.WaitAsync();
        try
        {
            return _practice ??= await FaultPractice.SetUpAsync(system);
        }
        finally
        {
            PracticeGate.Release();
        }
    }
}

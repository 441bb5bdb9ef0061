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
        await Task.WhenAll(system.Service("treatment-records").KillAsync(), system.Service("outcome-reporting").KillAsync(), system.Service("notifications").KillAsync());
        foreach (var name in new[] { "intake", "scheduling", "treatment-records", "outcome-reporting", "notifications" })
        {
            system.Service(name).Start();
        }

        await Task.WhenAll(new[] { "intake", "scheduling", "treatment-records", "outcome-reporting", "notifications" }
            .Select(name => system.Service(name).WaitUntilReadyAsync(TimeSpan.FromSeconds(120))));
    });

    [Fact]
    public Task Messages_outlast_a_mail_server_outage_an_SMS_gateway_restart_and_a_killed_notifications_service_and_none_goes_twice() => UnderLoadAsync(
        async () =>
        {
            // The mail server goes away for 30 s: confirmations wait for their retries meanwhile.
            await system.Mail.StopAsync();
            await Messages.AwaitDeferredEmailAsync(system, Patience);
            await Task.Delay(TimeSpan.FromSeconds(30));
            await system.Mail.StartAgainAsync();

            // Kannel's boxes are killed and started again (what they accepted is in their store), then the notifications service is killed mid-work.
            await system.Sms.RestartAsync();
            await system.Service("notifications").KillAsync();
            system.Service("notifications").Start();
            await system.Service("notifications").WaitUntilReadyAsync(TimeSpan.FromSeconds(120));
        },
        afterwards: () => Messages.SentAtMostOnceAndNoneLostAsync(system, Patience));

    [Fact]
    public Task RabbitMQ_restarted_under_load_loses_nothing() =>
        UnderLoadAsync(() => system.Infrastructure.RestartRabbitMqAsync(downFor: TimeSpan.FromSeconds(3)));

    [Fact]
    public Task PostgreSQL_crashed_and_restarted_under_load_loses_nothing() =>
        UnderLoadAsync(() => system.Infrastructure.RestartPostgresAsync(downFor: TimeSpan.FromSeconds(20)));

    private async Task UnderLoadAsync(Func<Task> fault, Func<Task>? afterwards = null)
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
        if (afterwards is not null)
        {
            await afterwards();
        }
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

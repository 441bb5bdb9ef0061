using NmtPractice.Testing;
using Published = NmtPractice.Contracts.Scheduling;

namespace NmtPractice.Scheduling.Tests;

/// <summary>The scheduling service with a practice (<see cref="PracticeWorld"/>) set up in it once it runs.</summary>
public abstract class PracticeWorldFixture : ServiceFixture<Program>
{
    private PracticeWorld? _world;

    public PracticeWorld World => _world ?? throw new InvalidOperationException("The fixture is not initialised.");

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _world = await PracticeWorld.CreateAsync(Host, Bus);
    }

    /// <summary>Who the audit log names as having done <paramref name="action"/> to <paramref name="appointment"/>, if anyone.</summary>
    public async Task<string?> AuditedActorAsync(Guid appointment, string action)
    {
        await using var connection = new Npgsql.NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new Npgsql.NpgsqlCommand("select user_id from scheduling.audit_log where resource_id = @id and action = @action", connection);
        command.Parameters.AddWithValue("id", appointment.ToString());
        command.Parameters.AddWithValue("action", action);
        return (string?)await command.ExecuteScalarAsync(TestContext.Current.CancellationToken);
    }
}

/// <summary>The scheduling service on its own database and virtual host, a practice set up in it, and a bus recording what it publishes.</summary>
public sealed class SchedulingFixture : PracticeWorldFixture
{
    protected override string Purpose => "scheduling";

    protected override Type[] RecordedMessageTypes =>
    [
        typeof(Published.AppointmentBooked), typeof(Published.AppointmentRescheduled), typeof(Published.AppointmentCancelled),
        typeof(Published.AppointmentCheckedIn), typeof(Published.AppointmentCompleted), typeof(Published.AppointmentMarkedNoShow),
        typeof(Published.WaitlistSlotOffered), typeof(Published.LocationPublished), typeof(Published.TherapistWorkingHoursSet),
        typeof(Published.LocationClosureScheduled), typeof(Published.LocationClosureChanged), typeof(Published.TherapistTimeOffBooked), typeof(Published.TherapistTimeOffChanged), typeof(Published.TherapistAccountLinked), typeof(Published.TherapistLeavingChanged),
    ];
}

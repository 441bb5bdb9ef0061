using NmtPractice.Testing;
using Published = NmtPractice.Contracts.Scheduling;

namespace NmtPractice.Scheduling.Tests;

/// <summary>The scheduling service on its own database and virtual host, with a bus recording what it publishes.</summary>
public sealed class SchedulingFixture : ServiceFixture<Program>
{
    protected override string Purpose => "scheduling";

    protected override Type[] RecordedMessageTypes => [typeof(Published.AppointmentBooked)];
}

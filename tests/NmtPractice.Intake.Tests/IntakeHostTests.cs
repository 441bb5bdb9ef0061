using NmtPractice.Testing;

namespace NmtPractice.Intake.Tests;

public sealed class IntakeFixture : ServiceFixture<Program>
{
    protected override string Purpose => "intake";
}

public sealed class IntakeHostTests(IntakeFixture fixture)
    : HostConformanceTests<Program>(fixture, ServiceInfo.Schema, ServiceInfo.RoutePrefix), IClassFixture<IntakeFixture>;

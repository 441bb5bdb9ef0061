using NmtPractice.Testing;

namespace NmtPractice.OutcomeReporting.Tests;

/// <summary>Outcome reporting on its own database and virtual host; the test bus publishes as the other services would.</summary>
public sealed class OutcomeReportingFixture : ServiceFixture<Program>
{
    protected override string Purpose => "outcomes";
}

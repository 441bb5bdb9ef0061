using NmtPractice.Testing;

namespace NmtPractice.OutcomeReporting.Tests;

public sealed class OutcomeReportingHostTests(OutcomeReportingFixture fixture)
    : HostConformanceTests<Program>(fixture, ServiceInfo.Schema, ServiceInfo.RoutePrefix), IClassFixture<OutcomeReportingFixture>;

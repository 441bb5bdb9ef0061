using NmtPractice.Testing;

namespace NmtPractice.Scheduling.Tests;

public sealed class SchedulingHostTests(SchedulingFixture fixture)
    : HostConformanceTests<Program>(fixture, ServiceInfo.Name, ServiceInfo.RoutePrefix), IClassFixture<SchedulingFixture>;

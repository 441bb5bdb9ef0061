using NmtPractice.Testing;

namespace NmtPractice.Notifications.Tests;

public sealed class NotificationsHostTests(NotificationsFixture fixture)
    : HostConformanceTests<Program>(fixture, ServiceInfo.Schema, ServiceInfo.RoutePrefix), IClassFixture<NotificationsFixture>;

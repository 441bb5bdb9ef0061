using JasperFx.Events;
using NmtPractice.Contracts.Scheduling;
using NmtPractice.ServiceDefaults.Messaging;
using NmtPractice.Testing;

namespace NmtPractice.ServiceDefaults.Tests;

public sealed class MessagingConventionTests
{
    [Theory]
    [InlineData("AppointmentBooked", "appointment-booked")]
    [InlineData("AppointmentBookedV2", "appointment-booked-v2")]
    [InlineData("TreatmentRecords", "treatment-records")]
    [InlineData("NPRSRecorded", "nprs-recorded")]
    public void Names_are_kebab_cased(string name, string expected) =>
        Assert.Equal(expected, ContractEntityNameFormatter.Kebab(name));

    [Fact]
    public void A_domain_event_maps_to_at_most_one_integration_event()
    {
        var map = new IntegrationEventMap().Map<string>((_, _) => null);

        Assert.Throws<InvalidOperationException>(() => map.Map<string>((_, _) => null));
    }

    [Fact]
    public void Unmapped_domain_events_publish_nothing()
    {
        var map = new IntegrationEventMap();

        Assert.Null(map.ToIntegrationEvent(new Event<string>("not mapped")));
        Assert.Empty(map.DomainEventTypes);
    }

    [Fact]
    public void A_mapped_domain_event_publishes_its_integration_event()
    {
        var booked = new AppointmentBooked(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "NMT-60", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddHours(1), DateTimeOffset.UtcNow);
        var map = new IntegrationEventMap().Map<string>((_, _) => booked);

        Assert.Same(booked, map.ToIntegrationEvent(new Event<string>("mapped")));
    }

    [Fact]
    public void The_local_env_file_format_is_parsed()
    {
        var parsed = TestInfrastructure.ParseEnvFile(
        [
            "# comment",
            "PLAIN=value",
            "QUOTED='Host=x;Password=y'",
            "export EXPORTED=\"z\"",
            "",
            "broken line",
        ]).ToList();

        Assert.Equal([("PLAIN", "value"), ("QUOTED", "Host=x;Password=y"), ("EXPORTED", "z")], parsed);
    }
}

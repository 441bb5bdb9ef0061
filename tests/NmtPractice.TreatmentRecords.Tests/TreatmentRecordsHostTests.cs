using NmtPractice.Testing;
using Published = NmtPractice.Contracts.TreatmentRecords;

namespace NmtPractice.TreatmentRecords.Tests;

/// <summary>Treatment records on its own database and virtual host, with a bus recording what it publishes.</summary>
public sealed class TreatmentRecordsFixture : ServiceFixture<Program>
{
    protected override string Purpose => "treatmentrecords";

    protected override Type[] RecordedMessageTypes => [typeof(Published.SessionSigned), typeof(Published.SessionAmended), typeof(Published.CheckInNoteRefused)];
}

public sealed class TreatmentRecordsHostTests(TreatmentRecordsFixture fixture)
    : HostConformanceTests<Program>(fixture, ServiceInfo.Schema, ServiceInfo.RoutePrefix), IClassFixture<TreatmentRecordsFixture>;

using NmtPractice.Testing;

namespace NmtPractice.TreatmentRecords.Tests;

public sealed class TreatmentRecordsFixture : ServiceFixture<Program>
{
    protected override string Purpose => "treatmentrecords";
}

public sealed class TreatmentRecordsHostTests(TreatmentRecordsFixture fixture)
    : HostConformanceTests<Program>(fixture, ServiceInfo.Schema, ServiceInfo.RoutePrefix), IClassFixture<TreatmentRecordsFixture>;

using NmtPractice.Scheduling.Appointments.BookingAppointment;
using NmtPractice.ServiceDefaults.Http;

namespace NmtPractice.Scheduling.Tests;

public sealed class BookAppointmentDeciderTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    private static BookAppointment Command(DateTimeOffset? startsAt = null, int minutes = 60, Guid? clientId = null) => new(
        Guid.CreateVersion7(),
        clientId ?? Guid.CreateVersion7(),
        Guid.CreateVersion7(),
        Guid.CreateVersion7(),
        "nmt-60",
        startsAt ?? new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.FromHours(1)),
        TimeSpan.FromMinutes(minutes));

    [Fact]
    public void A_valid_booking_yields_one_event_with_the_end_and_normalised_service_code()
    {
        var command = Command();

        var booked = BookAppointmentDecider.Decide(command, Now);

        Assert.Equal(command.AppointmentId, booked.AppointmentId);
        Assert.Equal(command.StartsAt.AddMinutes(60), booked.EndsAt);
        Assert.Equal("NMT-60", booked.ServiceCode);
        Assert.Equal(Now, booked.BookedAt);
        Assert.Equal(TimeSpan.FromHours(1), booked.StartsAt.Offset);
    }

    [Fact]
    public void A_start_in_the_past_is_refused()
    {
        var error = Assert.Throws<RequestValidationException>(() => BookAppointmentDecider.Decide(Command(Now.AddMinutes(-5)), Now));

        Assert.Contains("startsAt", error.Errors.Keys);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(59)]
    public void A_start_off_the_five_minute_grid_is_refused(int minute)
    {
        var start = new DateTimeOffset(2026, 12, 1, 10, minute, 0, TimeSpan.Zero);

        var error = Assert.Throws<RequestValidationException>(() => BookAppointmentDecider.Decide(Command(start), Now));

        Assert.Equal(["Appointments start on a 5-minute boundary."], error.Errors["startsAt"]);
    }

    [Fact]
    public void Every_broken_rule_is_reported_at_once()
    {
        var command = Command(Now.AddDays(-1), minutes: 61, clientId: Guid.Empty);

        var error = Assert.Throws<RequestValidationException>(() => BookAppointmentDecider.Decide(command, Now));

        Assert.Equal(["clientId", "durationMinutes", "startsAt"], error.Errors.Keys.Order(StringComparer.Ordinal));
    }
}

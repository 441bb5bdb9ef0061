namespace NmtPractice.Web.Api;

/// <summary>A service clients may book online.</summary>
public sealed record BookableServiceView(string Code, string Name, int DurationMinutes, decimal Price, string Currency);

/// <summary>A therapist as the public pages name them.</summary>
public sealed record BookableTherapistView(Guid Id, string Name, IReadOnlyList<string> ServiceCodes);

/// <summary>A location that takes bookings online.</summary>
public sealed record BookableLocationView(
    Guid Id,
    string Name,
    AddressView Address,
    string TimeZone,
    IReadOnlyList<BookableServiceView> Services,
    IReadOnlyList<BookableTherapistView> Therapists,
    int BookAheadDays,
    int MinimumNoticeHours,
    bool NewClients,
    int CancellationNoticeHours);

/// <summary>A time a client may book online.</summary>
public sealed record OnlineTimeView(Guid TherapistId, string TherapistName, DateTimeOffset StartsAt, DateTimeOffset EndsAt);

/// <summary>The free times of a service at a location over the days searched.</summary>
public sealed record OnlineTimesView(Guid LocationId, string TimeZone, string ServiceCode, DateOnly From, DateOnly To, IReadOnlyList<OnlineTimeView> Times);

/// <summary>What the portal sends to book (<c>POST /api/scheduling/online-bookings</c>).</summary>
public sealed record BookOnline(Guid AppointmentId, Guid ClientId, Guid LocationId, Guid TherapistId, string ServiceCode, DateTimeOffset StartsAt);

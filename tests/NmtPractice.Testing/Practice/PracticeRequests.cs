namespace NmtPractice.Testing.Practice;

// The JSON bodies the practice's HTTP APIs accept, as the tests send them. They are declared here, at
// the HTTP level, rather than taken from the services' own request types: a test speaks to a service
// the way any client does, and these stay put when a service's code moves.

/// <summary>A location's postal address.</summary>
public sealed record PostalAddress(string Line1, string City, string? Region, string PostalCode, string Country, string? Line2 = null)
{
    /// <summary>An address in Boston, MA 02116.</summary>
    public static PostalAddress Boston(string line1) => new(line1, "Boston", "MA", "02116", "US");
}

/// <summary>One day's hours (opening hours of a location, working hours of a therapist).</summary>
public sealed record DayHours(DayOfWeek Day, TimeOnly From, TimeOnly To)
{
    /// <summary>The same hours every day of the week.</summary>
    public static IReadOnlyList<DayHours> EveryDay(TimeOnly from, TimeOnly to) =>
        [.. Enum.GetValues<DayOfWeek>().Select(day => new DayHours(day, from, to))];

    /// <summary>Every day from midnight to 23:59.</summary>
    public static IReadOnlyList<DayHours> AroundTheClock { get; } = EveryDay(new TimeOnly(0, 0), new TimeOnly(23, 59));
}

/// <summary><c>POST /api/scheduling/locations</c>.</summary>
public sealed record OpenLocation(Guid? LocationId, string Name, PostalAddress Address, string TimeZone, IReadOnlyList<DayHours> OpeningHours);

/// <summary><c>PUT /api/scheduling/locations/{id}/opening-hours</c>.</summary>
public sealed record ChangeOpeningHours(IReadOnlyList<DayHours> OpeningHours);

/// <summary><c>POST /api/scheduling/locations/{id}/rooms</c>; the service picks the id when none is given.</summary>
public sealed record AddRoom(Guid? RoomId, string Name);

/// <summary><c>POST /api/scheduling/services</c>.</summary>
public sealed record DefineService(string Code, string Name, int DurationMinutes, int BufferMinutes, decimal Price, string Currency, Guid? ServiceId = null)
{
    /// <summary>NMT-60: an hour, then a 15-minute turnover buffer, 95 USD.</summary>
    public static DefineService Nmt60 { get; } = new("NMT-60", "NMT 60 minutes", 60, 15, 95m, "USD");

    /// <summary>NMT-30: half an hour, no buffer, 55 USD.</summary>
    public static DefineService Nmt30 { get; } = new("NMT-30", "NMT 30 minutes", 30, 0, 55m, "USD");
}

/// <summary><c>POST /api/scheduling/therapists</c>; the service picks the id when none is given.</summary>
public sealed record RegisterTherapist(Guid? TherapistId, string Name, IReadOnlyList<string> Services, string? UserId = null);

/// <summary><c>PUT /api/scheduling/therapists/{id}/locations/{locationId}/hours</c>.</summary>
public sealed record WorkingHours(IReadOnlyList<DayHours> Hours);

/// <summary><c>PUT /api/scheduling/therapists/{id}/services</c>.</summary>
public sealed record ChangeTherapistServices(IReadOnlyList<string> Services);

/// <summary><c>POST /api/scheduling/therapists/{id}/time-off</c>.</summary>
public sealed record BookTimeOff(DateTimeOffset From, DateTimeOffset To, string? Reason);

/// <summary><c>POST /api/scheduling/appointments</c>; with an id of the caller's, a retried request is safe.</summary>
public sealed record BookAppointment(
    Guid? AppointmentId,
    Guid ClientId,
    Guid LocationId,
    Guid TherapistId,
    string ServiceCode,
    DateTimeOffset StartsAt,
    Guid? RoomId = null,
    Guid? WaitlistEntryId = null);

/// <summary><c>POST /api/scheduling/appointments/{id}/cancel</c>: a reason (client-request, client-illness, therapist-unavailable, clinic-closure, other) and a note.</summary>
public sealed record CancelAppointment(string Reason, string? Note = null);

/// <summary><c>POST /api/scheduling/appointments/{id}/reschedule</c>: a new start, and optionally another therapist or room.</summary>
public sealed record RescheduleAppointment(DateTimeOffset StartsAt, Guid? TherapistId = null, Guid? RoomId = null);

/// <summary><c>POST /api/scheduling/waitlist</c>.</summary>
public sealed record JoinWaitlist(Guid ClientId, Guid LocationId, string ServiceCode, Guid? TherapistId, DateOnly From, DateOnly To);

/// <summary>A client's name as intake takes it.</summary>
public sealed record ClientName(string Given, string Family, string? Preferred = null);

/// <summary>How to reach a client.</summary>
public sealed record ClientContact(string? Email, string? Phone = null);

/// <summary>Whom to call in an emergency.</summary>
public sealed record ClientEmergencyContact(string Name, string Relationship, string Phone);

/// <summary>The client's primary care physician.</summary>
public sealed record ClientPhysician(string Name, string? Practice);

/// <summary><c>POST /api/intake/clients</c>; the service picks the id when none is given.</summary>
public sealed record RegisterClient(
    Guid? ClientId, Guid LocationId, ClientName Name, DateOnly DateOfBirth, ClientContact Contact, ClientEmergencyContact? EmergencyContact = null, ClientPhysician? Physician = null,
    MessagePreferences? Messages = null);

/// <summary>Which messages the client agreed to, and how they said so.</summary>
public sealed record MessagePreferences(bool Email, bool Sms, string Language = "en", string How = "in-person");

/// <summary><c>POST /api/intake/clients/{id}/intakes</c>: question ids to answers.</summary>
public sealed record AnswerIntake(IReadOnlyDictionary<string, object> Answers)
{
    /// <summary>Answers that clear the screening (no finding at all), with the client's goals.</summary>
    public static AnswerIntake Clear(string goals) => new(ClearAnswers(goals));

    /// <summary>The answers of <see cref="Clear"/> as a dictionary, for a test to change some of them.</summary>
    public static Dictionary<string, object> ClearAnswers(string goals) => new()
    {
        ["fever"] = false, ["contagious_infection"] = false, ["contagious_skin_condition"] = false, ["dvt_signs"] = false,
        ["blood_pressure_uncontrolled"] = false, ["head_injury_not_cleared"] = false, ["emergency_signs"] = false,
        ["alcohol_or_drugs"] = false, ["cancer_treatment"] = false, ["bleeding_disorder"] = false, ["osteoporosis"] = false,
        ["diabetes"] = false, ["fragile_skin"] = false, ["anticoagulants"] = false, ["long_term_steroids"] = false,
        ["surgery_last_3_months"] = false, ["fracture_last_3_months"] = false, ["accident_last_6_weeks"] = false,
        ["pregnant"] = false, ["goals"] = goals,
    };
}

/// <summary><c>POST /api/intake/clients/{id}/clearances</c>: a physician's clearance of the findings that need one.</summary>
public sealed record RecordClearance(string PhysicianName, string? Practice, DateOnly ClearedOn, DateOnly ExpiresOn);

/// <summary><c>POST /api/intake/clients/{id}/consents</c>.</summary>
public sealed record GiveConsent(string Kind, string PolicyVersion, string SignerName, string SignerRelationship, DateOnly SignedOn)
{
    /// <summary>Consent to treatment under the 2026-01 policy, signed by the client on <paramref name="signedOn"/>.</summary>
    public static GiveConsent ToTreatment(string signerName, DateOnly signedOn) => new("treatment", "2026-01", signerName, "self", signedOn);
}

/// <summary><c>POST /api/treatments/sessions</c>: opens a session note (for an appointment, or a walk-in with the therapist who treats).</summary>
public sealed record OpenSessionNote(Guid? SessionId, Guid ClientId, Guid LocationId, Guid? AppointmentId = null, Guid? TherapistId = null);

using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using NmtPractice.Testing;

namespace NmtPractice.EndToEnd.Tests;

/// <summary>
/// Every endpoint x role x own/other location -> allowed or refused, through the gateway against the
/// real services; and, for every endpoint about a client, the chain's client registered at Cambridge
/// and booked at Back Bay, reached from Back Bay as the chain-client rule says. An endpoint a service
/// documents without a row here fails the build.
/// </summary>
[Collection(RunningSystemCollection.Name)]
public sealed partial class AuthorizationMatrixTests(RunningSystem system)
{
    private static readonly Guid Own = E2EPractice.BackBay;     // the users' location
    private static readonly Guid Other = E2EPractice.Cambridge;

    private static readonly string[] Everyone = ["front-desk", "therapist", "clinic-manager", "operations-admin"];
    private static readonly string[] Desk = ["front-desk", "clinic-manager", "operations-admin"];
    private static readonly string[] DeskOnly = ["front-desk", "clinic-manager"];
    private static readonly string[] Managers = ["clinic-manager", "operations-admin"];
    private static readonly string[] Staff = ["front-desk", "therapist", "clinic-manager"];
    private static readonly string[] Clinicians = ["therapist", "clinic-manager"];
    private static readonly string[] ClinicalReaders = ["therapist", "clinic-manager", "operations-admin"];
    private static readonly string[] Admins = ["operations-admin"];
    private static readonly string[] NoOne = [];

    /// <summary>The demo user of each role at Back Bay (operations admins work everywhere).</summary>
    internal static readonly Dictionary<string, string> Users = new()
    {
        ["front-desk"] = "frontdesk.backbay",
        ["therapist"] = "therapist.backbay",
        ["clinic-manager"] = "manager.backbay",
        ["operations-admin"] = "ops.admin",
    };

    /// <summary>One row per endpoint: who may call it, and how to call it on something at a location.</summary>
    internal static readonly MatrixRow[] Rows =
    [
        // Scheduling: appointments
        new("POST", "/api/scheduling/appointments", Desk, true, (o, l) => Post("api/scheduling/appointments", o.Practice.Booking(l, o.Practice.NextStart())),
            Shared: o => Post("api/scheduling/appointments", o.Practice.Booking(Own, o.Practice.NextStart(), clientId: o.Shared.Client))),
        new("GET", "/api/scheduling/appointments/{id}", Everyone, true, (o, l) => Get($"api/scheduling/appointments/{o.Appointments[l]}")),
        new("POST", "/api/scheduling/appointments/{id}/reschedule", Desk, true,
            (o, l) => Post($"api/scheduling/appointments/{o.Appointments[l]}/reschedule", new { startsAt = o.Practice.NextStart() }), FreshObjects: true),
        new("POST", "/api/scheduling/appointments/{id}/cancel", Desk, true,
            (o, l) => Post($"api/scheduling/appointments/{o.Appointments[l]}/cancel", new { reason = "client-request" }), FreshObjects: true),
        new("POST", "/api/scheduling/appointments/{id}/check-in", DeskOnly, true,
            (o, l) => Post($"api/scheduling/appointments/{o.Appointments[l]}/check-in", new { }), AllowedStatus: HttpStatusCode.Conflict),
        new("POST", "/api/scheduling/appointments/{id}/cancel-request/kept", Desk, true,
            (o, l) => Post($"api/scheduling/appointments/{o.Appointments[l]}/cancel-request/kept", new { }), AllowedStatus: HttpStatusCode.Conflict),
        new("POST", "/api/scheduling/appointments/{id}/complete", ["therapist", "front-desk", "clinic-manager"], true,
            (o, l) => Post($"api/scheduling/appointments/{o.Appointments[l]}/complete", new { }), AllowedStatus: HttpStatusCode.Conflict),
        new("POST", "/api/scheduling/appointments/{id}/no-show", DeskOnly, true,
            (o, l) => Post($"api/scheduling/appointments/{o.Appointments[l]}/no-show", new { }), AllowedStatus: HttpStatusCode.Conflict),

        // Scheduling: series (each case its own series, years ahead)
        new("POST", "/api/scheduling/appointment-series", Desk, true, (o, l) => Post("api/scheduling/appointment-series", new
        {
            clientId = o.Practice.Clients[l], locationId = l, therapistId = o.Practice.Therapists[l], serviceCode = "NMT-60", startsAt = MatrixObjects.SeriesStart(), times = 2,
        })),
        new("GET", "/api/scheduling/appointment-series/{seriesId}", Everyone, true, async (o, l) =>
            await Get($"api/scheduling/appointment-series/{(await o.FreshSeriesAsync(l)).Series}")),
        new("POST", "/api/scheduling/appointment-series/{seriesId}/cancel", Desk, true, async (o, l) =>
        {
            var (series, first, _) = await o.FreshSeriesAsync(l);
            return await Post($"api/scheduling/appointment-series/{series}/cancel", new { fromAppointmentId = first, reason = "client-request" });
        }),
        new("POST", "/api/scheduling/appointment-series/{seriesId}/move", Desk, true, async (o, l) =>
        {
            var (series, first, startsAt) = await o.FreshSeriesAsync(l);
            return await Post($"api/scheduling/appointment-series/{series}/move", new { fromAppointmentId = first, startsAt = startsAt.AddDays(1) });
        }),

        // Scheduling: front-desk queries and the waitlist
        new("GET", "/api/scheduling/availability", Everyone, true,
            (o, l) => Get($"api/scheduling/availability?locationId={l}&serviceCode=NMT-60&from={Day(40)}&to={Day(41)}&rescheduling={o.Appointments[l]}")),
        new("GET", "/api/scheduling/locations/{id}/calendar", Everyone, true, (o, l) => Get($"api/scheduling/locations/{l}/calendar?date={Day(30)}")),
        new("GET", "/api/scheduling/locations/{id}/arrivals", Everyone, true, (o, l) => Get($"api/scheduling/locations/{l}/arrivals")),
        new("GET", "/api/scheduling/clients/{clientId}/appointments", Everyone, false, (o, l) => Get($"api/scheduling/clients/{o.Practice.Clients[l]}/appointments"),
            Shared: o => Get($"api/scheduling/clients/{o.Shared.Client}/appointments"), ForClient: (_, t) => Get($"api/scheduling/clients/{t.Client}/appointments")),
        new("GET", "/api/scheduling/therapists/{id}/calendar.ics", Everyone, true, (o, l) => Get($"api/scheduling/therapists/{o.Practice.Therapists[l]}/calendar.ics")),
        new("POST", "/api/scheduling/waitlist", DeskOnly, true,
            (o, l) => Post("api/scheduling/waitlist", new { clientId = o.Practice.Clients[l], locationId = l, serviceCode = "NMT-60", from = Day(50), to = Day(52) }),
            Shared: o => Post("api/scheduling/waitlist", new { clientId = o.Shared.Client, locationId = Own, serviceCode = "NMT-60", from = Day(50), to = Day(52) })),
        new("POST", "/api/scheduling/waitlist/{id}/decline", DeskOnly, true,
            (o, l) => Post($"api/scheduling/waitlist/{o.WaitlistEntries[l]}/decline", new { }), AllowedStatus: HttpStatusCode.Conflict),
        new("POST", "/api/scheduling/waitlist/{id}/withdraw", DeskOnly, true,
            (o, l) => Post($"api/scheduling/waitlist/{o.WaitlistEntries[l]}/withdraw", new { }), FreshObjects: true),
        new("GET", "/api/scheduling/locations/{locationId}/waitlist", DeskOnly, true, (o, l) => Get($"api/scheduling/locations/{l}/waitlist")),

        // Scheduling: practice structure
        new("POST", "/api/scheduling/locations", Admins, false, (o, l) => Post("api/scheduling/locations", new
        {
            name = $"Pop-up {Guid.NewGuid():N}"[..20],
            address = new { line1 = "2 Side St", city = "Boston", postalCode = "02116", country = "US" },
            timeZone = "America/New_York",
            openingHours = Array.Empty<object>(),
        })),
        new("GET", "/api/scheduling/locations", Everyone, false, (o, l) => Get("api/scheduling/locations")),
        new("GET", "/api/scheduling/locations/{id}", Everyone, false, (o, l) => Get($"api/scheduling/locations/{l}")),
        new("PUT", "/api/scheduling/locations/{id}/opening-hours", Managers, true, async (o, l) =>
            await Put($"api/scheduling/locations/{l}/opening-hours", new { openingHours = E2EPractice.Week }, await o.LocationVersionAsync(l))),
        new("PUT", "/api/scheduling/locations/{id}/online-booking", Managers, true, async (o, l) =>
            await Put($"api/scheduling/locations/{l}/online-booking", ClosedOnline, await o.LocationVersionAsync(l))),
        new("POST", "/api/scheduling/locations/{id}/closures", Managers, true,
            (o, l) => Post($"api/scheduling/locations/{l}/closures", new { from = Day(700), to = Day(700), reason = "Inventory" })),
        new("PUT", "/api/scheduling/locations/{id}/closures/{closureId}", Managers, true, async (o, l) =>
        {
            var (closure, day) = await o.FreshClosureAsync(l);
            return await Put($"api/scheduling/locations/{l}/closures/{closure}", new { from = day, to = day }, await o.LocationVersionAsync(l));
        }),
        new("DELETE", "/api/scheduling/locations/{id}/closures/{closureId}", Managers, true, async (o, l) =>
            await Delete($"api/scheduling/locations/{l}/closures/{(await o.FreshClosureAsync(l)).Closure}", await o.LocationVersionAsync(l))),
        new("POST", "/api/scheduling/locations/{id}/rooms", Managers, true,
            (o, l) => Post($"api/scheduling/locations/{l}/rooms", new { name = $"Room {Guid.NewGuid():N}"[..12] })),
        new("PUT", "/api/scheduling/locations/{id}", Managers, true, async (o, l) =>
            await Put($"api/scheduling/locations/{l}", new { name = l == Own ? "Back Bay" : "Cambridge", address = NmtPractice.Testing.Practice.PostalAddress.Boston("1 Main St"), timeZone = E2EPractice.ZoneId },
                await o.LocationVersionAsync(l))),
        new("PUT", "/api/scheduling/locations/{id}/rooms/{roomId}", Managers, true, async (o, l) =>
            await Put($"api/scheduling/locations/{l}/rooms/{o.Practice.Rooms[l]}", new { name = "Room 1" }, await o.LocationVersionAsync(l))),
        new("POST", "/api/scheduling/locations/{id}/rooms/{roomId}/retire", Managers, true, async (o, l) =>
            await Post($"api/scheduling/locations/{l}/rooms/{await o.FreshRoomAsync(l)}/retire", new { moveAppointments = false }, await o.LocationVersionAsync(l))),
        new("POST", "/api/scheduling/therapists", Managers, false,
            (o, l) => Post("api/scheduling/therapists", new { name = "New Therapist", services = new[] { "NMT-60" } })),
        new("GET", "/api/scheduling/therapists", Everyone, false, (o, l) => Get("api/scheduling/therapists")),
        new("GET", "/api/scheduling/therapists/{id}", Everyone, false, (o, l) => Get($"api/scheduling/therapists/{o.Practice.Therapists[l]}")),
        new("PUT", "/api/scheduling/therapists/{id}/locations/{locationId}/hours", Managers, true,
            (o, l) => Put($"api/scheduling/therapists/{o.Practice.Therapists[l]}/locations/{l}/hours", new { hours = E2EPractice.Week }, ifMatch: null)),
        // Linking and unlinking accounts on a profile of the location kept for it (no one signs in as it).
        new("PUT", "/api/scheduling/therapists/{id}/account", Managers, true, async (o, l) =>
        {
            var therapist = await o.AccountTherapistAsync(l);
            return await Put($"api/scheduling/therapists/{therapist}/account", new { userId = $"matrix-{l:N}" }, await o.TherapistVersionAsync(therapist));
        }),
        new("DELETE", "/api/scheduling/therapists/{id}/account", Managers, true, async (o, l) =>
        {
            var therapist = await o.AccountTherapistAsync(l);
            return await Delete($"api/scheduling/therapists/{therapist}/account", await o.TherapistVersionAsync(therapist));
        }),
        // A leaving planned years ahead on the same kept profile, which no one books.
        new("PUT", "/api/scheduling/therapists/{id}/locations/{locationId}/leaving", Managers, true, async (o, l) =>
        {
            var therapist = await o.AccountTherapistAsync(l);
            return await Put($"api/scheduling/therapists/{therapist}/locations/{l}/leaving", new { leavesOn = MatrixObjects.LeavingDay() }, await o.TherapistVersionAsync(therapist));
        }),
        new("GET", "/api/scheduling/therapists/{id}/locations/{locationId}/leaving", Desk, true, async (o, l) =>
            await Get($"api/scheduling/therapists/{await o.LeavingTherapistAsync(l)}/locations/{l}/leaving")),
        new("DELETE", "/api/scheduling/therapists/{id}/locations/{locationId}/leaving", Managers, true, async (o, l) =>
        {
            var therapist = await o.LeavingTherapistAsync(l);
            return await Delete($"api/scheduling/therapists/{therapist}/locations/{l}/leaving", await o.TherapistVersionAsync(therapist));
        }),
        new("PUT", "/api/scheduling/therapists/{id}/services", Managers, true, async (o, l) =>
            await Put($"api/scheduling/therapists/{o.Practice.Therapists[l]}/services", new { services = new[] { "NMT-60", "NMT-30" } }, await o.TherapistVersionAsync(o.Practice.Therapists[l]))),
        new("PUT", "/api/scheduling/therapists/{id}/time-off/{timeOffId}", Managers, true, async (o, l) =>
        {
            var therapist = o.Practice.Therapists[l];
            var (timeOff, from) = await o.FreshTimeOffAsync(therapist);
            return await Put($"api/scheduling/therapists/{therapist}/time-off/{timeOff}", new { from, to = from.AddMinutes(30) }, await o.TherapistVersionAsync(therapist));
        }),
        new("DELETE", "/api/scheduling/therapists/{id}/time-off/{timeOffId}", Managers, true, async (o, l) =>
        {
            var therapist = o.Practice.Therapists[l];
            return await Delete($"api/scheduling/therapists/{therapist}/time-off/{(await o.FreshTimeOffAsync(therapist)).TimeOff}", await o.TherapistVersionAsync(therapist));
        }),
        new("POST", "/api/scheduling/therapists/{id}/time-off", Managers, true,
            (o, l) => Post($"api/scheduling/therapists/{o.Practice.Therapists[l]}/time-off", new { from = Noon(600), to = Noon(600).AddHours(1), reason = "Dentist" })),
        new("POST", "/api/scheduling/services", Admins, false,
            (o, l) => Post("api/scheduling/services", new { code = $"X-{Guid.NewGuid():N}"[..12], name = "Trial", durationMinutes = 30, price = 10m, currency = "USD" })),
        new("GET", "/api/scheduling/services", Everyone, false, (o, l) => Get("api/scheduling/services")),
        new("PUT", "/api/scheduling/services/{code}", Admins, false, async (o, l) =>
            await Put($"api/scheduling/services/{await o.FreshServiceAsync()}", new { name = "Trial, longer", durationMinutes = 45, bufferMinutes = 5, price = 12m, currency = "USD" }, "\"1\"")),

        // Staff administration (the gateway)
        new("GET", "/api/staff", Managers, false, (o, l) => Get("api/staff")),
        new("GET", "/api/staff/{id}", Managers, true, async (o, l) => await Get($"api/staff/{(await o.FreshStaffAsync(l)).Id}")),
        new("POST", "/api/staff/invitations", Managers, true, (o, l) => Post("api/staff/invitations", new
        {
            email = $"invited.{Guid.NewGuid():N}@example.org",
            displayName = "Invited Matrix",
            roles = new[] { new { locationId = l, role = "therapist" } },
        })),
        new("PUT", "/api/staff/{id}/roles", Managers, true, async (o, l) =>
        {
            var (id, etag) = await o.FreshStaffAsync(l);
            return await Put($"api/staff/{id}/roles", new { roles = new[] { new { locationId = l, role = "front-desk" }, new { locationId = l, role = "therapist" } } }, etag);
        }),
        new("POST", "/api/staff/{id}/deactivate", Managers, true, async (o, l) => await Post($"api/staff/{(await o.FreshStaffAsync(l)).Id}/deactivate", new { })),
        new("POST", "/api/staff/{id}/reactivate", Managers, true, async (o, l) => await Post($"api/staff/{(await o.FreshStaffAsync(l)).Id}/reactivate", new { })),
        new("POST", "/api/staff/{id}/unlock", Managers, true, async (o, l) => await Post($"api/staff/{(await o.FreshStaffAsync(l)).Id}/unlock", new { })),
        new("POST", "/api/staff/{id}/password-reset", Managers, true, async (o, l) => await Post($"api/staff/{(await o.FreshStaffAsync(l)).Id}/password-reset", new { })),

        // Outcome reporting
        new("GET", "/api/outcomes/operations/daily-bookings", Managers, true,
            (o, l) => Get($"api/outcomes/operations/daily-bookings?from=2030-01-01&to=2030-01-31&locationId={l}")),
        new("GET", "/api/outcomes/operations/utilisation", Managers, true,
            (o, l) => Get($"api/outcomes/operations/utilisation?from=2030-01-01&to=2030-01-31&locationId={l}&period=week")),
        new("GET", "/api/outcomes/operations/screenings", Managers, true,
            (o, l) => Get($"api/outcomes/operations/screenings?from=2030-01-01&to=2030-01-31&locationId={l}")),
        new("GET", "/api/outcomes/operations/waitlist", Managers, true,
            (o, l) => Get($"api/outcomes/operations/waitlist?from=2030-01-01&to=2030-01-31&locationId={l}")),
        new("GET", "/api/outcomes/clinical", Managers, true,
            (o, l) => Get($"api/outcomes/clinical?from=2030-01-01&to=2030-01-31&locationId={l}&by=technique")),
        new("GET", "/api/outcomes/clinical/safety-flags", ["clinic-manager"], true,
            (o, l) => Get($"api/outcomes/clinical/safety-flags?from=2030-01-01&to=2030-01-31&locationId={l}")),
        new("GET", "/api/outcomes/clinical/clients/{clientId}/course", Clinicians, false,
            (o, l) => Get($"api/outcomes/clinical/clients/{o.Practice.Clients[l]}/course"),
            Shared: o => Get($"api/outcomes/clinical/clients/{o.Shared.Client}/course")),
        new("POST", "/api/outcomes/rebuilds", Admins, false, (o, l) => Post("api/outcomes/rebuilds", new { })),
        new("GET", "/api/outcomes/rebuilds/{id}", Admins, false, (o, l) => Get($"api/outcomes/rebuilds/{Guid.CreateVersion7()}"), AllowedStatus: HttpStatusCode.NotFound),
        new("GET", "/api/outcomes/audit", Admins, false, (o, l) => Get($"api/outcomes/audit?from={Now(-1)}&to={Now(1)}")),

        // Treatment records
        new("POST", "/api/treatments/sessions", ["therapist"], true,
            (o, l) => Post("api/treatments/sessions", new { clientId = o.Practice.Clients[l], locationId = l, therapistId = o.Practice.Therapists[l] }),
            Shared: o => Post("api/treatments/sessions", new { clientId = o.Shared.Client, locationId = Own, therapistId = o.Practice.Therapists[Own] }),
            OwnSessionOf: o => o.Practice.SecondTherapistAtBackBay),
        new("GET", "/api/treatments/sessions/{id}", ClinicalReaders, true, (o, l) => Get($"api/treatments/sessions/{o.Notes[l]}"),
            Shared: o => Get($"api/treatments/sessions/{o.Shared.Note}")),
        new("GET", "/api/treatments/sessions/{id}/history", ClinicalReaders, true, (o, l) => Get($"api/treatments/sessions/{o.Notes[l]}/history"),
            Shared: o => Get($"api/treatments/sessions/{o.Shared.Note}/history")),
        new("PUT", "/api/treatments/sessions/{id}/subjective", ["therapist"], true,
            async (o, l) => await Put($"api/treatments/sessions/{await o.FreshNoteAsync(l)}/subjective", new { chiefComplaint = "Neck pain", painBefore = 5 }, ifMatch: "\"1\""),
            Shared: o => Put($"api/treatments/sessions/{o.Shared.Note}/subjective", new { chiefComplaint = "Neck pain", painBefore = 5 }, ifMatch: "\"1\""), SharedRoles: NoOne),
        new("PUT", "/api/treatments/sessions/{id}/objective", ["therapist"], true,
            async (o, l) => await Put($"api/treatments/sessions/{await o.FreshNoteAsync(l)}/objective", new
            {
                triggerPoints = new[] { new { muscle = "upper-trapezius", region = "upper-trapezius-left", kind = "active" } },
            }, ifMatch: "\"1\""),
            Shared: o => Put($"api/treatments/sessions/{o.Shared.Note}/objective", new { triggerPoints = Array.Empty<object>() }, ifMatch: "\"1\""), SharedRoles: NoOne),
        new("PUT", "/api/treatments/sessions/{id}/treatment", ["therapist"], true,
            async (o, l) => await Put($"api/treatments/sessions/{await o.FreshNoteAsync(l)}/treatment", new
            {
                techniques = new[] { new { kind = "skin-rolling", region = "upper-back", pressure = "light", discomfort = 3 } },
            }, ifMatch: "\"1\""),
            Shared: o => Put($"api/treatments/sessions/{o.Shared.Note}/treatment", new { techniques = Array.Empty<object>() }, ifMatch: "\"1\""), SharedRoles: NoOne),
        new("PUT", "/api/treatments/sessions/{id}/assessment", ["therapist"], true,
            async (o, l) => await Put($"api/treatments/sessions/{await o.FreshNoteAsync(l)}/assessment", new { painAfter = 2 }, ifMatch: "\"1\""),
            Shared: o => Put($"api/treatments/sessions/{o.Shared.Note}/assessment", new { painAfter = 2 }, ifMatch: "\"1\""), SharedRoles: NoOne),
        new("POST", "/api/treatments/sessions/{id}/signature", ["therapist"], true,
            (o, l) => Post($"api/treatments/sessions/{o.Notes[l]}/signature", new { }, ifMatch: "\"1\""), AllowedStatus: HttpStatusCode.Conflict,
            Shared: o => Post($"api/treatments/sessions/{o.Shared.Note}/signature", new { }, ifMatch: "\"1\""), SharedRoles: NoOne),
        new("POST", "/api/treatments/sessions/{id}/amendments", Clinicians, true,
            (o, l) => Post($"api/treatments/sessions/{o.Notes[l]}/amendments", new { reason = "Typo", assessment = new { painAfter = 2 } }, ifMatch: "\"1\""),
            AllowedStatus: HttpStatusCode.Conflict,
            Shared: o => Post($"api/treatments/sessions/{o.Shared.Note}/amendments", new { reason = "Typo", assessment = new { painAfter = 2 } }, ifMatch: "\"1\""), SharedRoles: NoOne),
        new("POST", "/api/treatments/sessions/{id}/addenda", Clinicians, true,
            (o, l) => Post($"api/treatments/sessions/{o.Notes[l]}/addenda", new { text = "Phoned: fine" }, ifMatch: "\"1\""),
            AllowedStatus: HttpStatusCode.Conflict,
            Shared: o => Post($"api/treatments/sessions/{o.Shared.Note}/addenda", new { text = "Phoned: fine" }, ifMatch: "\"1\""), SharedRoles: NoOne),
        new("GET", "/api/treatments/clients/{clientId}/sessions", ClinicalReaders, false, (o, l) => Get($"api/treatments/clients/{o.Practice.Clients[l]}/sessions"),
            Shared: o => Get($"api/treatments/clients/{o.Shared.Client}/sessions")),
        new("GET", "/api/treatments/muscles", Everyone, false, (o, l) => Get("api/treatments/muscles")),
        new("GET", "/api/treatments/techniques", Everyone, false, (o, l) => Get("api/treatments/techniques")),
        new("GET", "/api/treatments/audit", Admins, false, (o, l) => Get($"api/treatments/audit?from={Now(-1)}&to={Now(1)}")),
        new("GET", "/api/scheduling/audit", Admins, false, (o, l) => Get($"api/scheduling/audit?from={Now(-1)}&to={Now(1)}")),

        // Intake
        new("GET", "/api/intake/audit", Admins, false, (o, l) => Get($"api/intake/audit?from={Now(-1)}&to={Now(1)}")),
        new("POST", "/api/intake/clients", DeskOnly, true, (o, l) => Post("api/intake/clients", Registration(l))),
        new("GET", "/api/intake/clients", Everyone, true, (o, l) => Get($"api/intake/clients?locationId={l}&name=ro")),
        new("GET", "/api/intake/clients/duplicates", Admins, false, (o, l) => Get("api/intake/clients/duplicates")),
        new("GET", "/api/intake/clients/{id}", Everyone, true, (o, l) => Get($"api/intake/clients/{o.Clients[l]}"),
            Shared: o => Get($"api/intake/clients/{o.Shared.Client}"), ForClient: (_, t) => Get($"api/intake/clients/{t.Client}")),
        new("GET", "/api/intake/clients/{id}/summary", Everyone, true, (o, l) => Get($"api/intake/clients/{o.Clients[l]}/summary"), ChainWide: true,
            Shared: o => Get($"api/intake/clients/{o.Shared.Client}/summary")),
        new("POST", "/api/intake/clients/{id}/merges", Admins, false,
            (o, l) => Post($"api/intake/clients/{o.Clients[Own]}/merges", new { duplicateId = o.Clients[Other], reason = "Same person registered twice" }), FreshObjects: true),
        new("PUT", "/api/intake/clients/{id}", DeskOnly, true, (o, l) => Put($"api/intake/clients/{o.Clients[l]}", ClientDetails, o.ClientVersions[l]), FreshObjects: true,
            Shared: async o => await Put($"api/intake/clients/{o.Shared.Client}", ClientDetails, await o.SharedClientVersionAsync())),
        new("PUT", "/api/intake/clients/{id}/message-preferences", DeskOnly, true,
            (o, l) => Put($"api/intake/clients/{o.Clients[l]}/message-preferences", MessagePreferences, o.ClientVersions[l]), FreshObjects: true,
            Shared: async o => await Put($"api/intake/clients/{o.Shared.Client}/message-preferences", MessagePreferences, await o.SharedClientVersionAsync()),
            // A client's own, without the version they read: past authorization, the 428 asking for it.
            ForClient: (_, t) => Put($"api/intake/clients/{t.Client}/message-preferences", MessagePreferences, ifMatch: null), ClientStatus: (HttpStatusCode)428),
        new("POST", "/api/intake/clients/{id}/intakes", Staff, true, (o, l) => Post($"api/intake/clients/{o.Clients[l]}/intakes", new { answers = MatrixObjects.Answers }),
            Shared: o => Post($"api/intake/clients/{o.Shared.Client}/intakes", new { answers = E2EPractice.ClearAnswers }),
            ForClient: (_, t) => Post($"api/intake/clients/{t.Client}/intakes", new { answers = E2EPractice.ClearAnswers })),
        new("GET", "/api/intake/clients/{id}/intakes/latest", ClinicalReaders, true, (o, l) => Get($"api/intake/clients/{o.Clients[l]}/intakes/latest"),
            Shared: o => Get($"api/intake/clients/{o.Shared.Client}/intakes/latest"), ForClient: (_, t) => Get($"api/intake/clients/{t.Client}/intakes/latest")),
        new("GET", "/api/intake/clients/{id}/intakes/{version}", ClinicalReaders, true, (o, l) => Get($"api/intake/clients/{o.Clients[l]}/intakes/1"),
            Shared: o => Get($"api/intake/clients/{o.Shared.Client}/intakes/1")),
        new("POST", "/api/intake/clients/{id}/consents", Staff, true, (o, l) => Post($"api/intake/clients/{o.Clients[l]}/consents", PrivacyConsent),
            Shared: o => Post($"api/intake/clients/{o.Shared.Client}/consents", PrivacyConsent),
            ForClient: (_, t) => Post($"api/intake/clients/{t.Client}/consents", PrivacyConsent)),
        new("POST", "/api/intake/clients/{id}/clearances", Clinicians, true, (o, l) => Post($"api/intake/clients/{o.Clients[l]}/clearances", Clearance),
            Shared: o => Post($"api/intake/clients/{o.Shared.Client}/clearances", Clearance), SharedStatus: HttpStatusCode.Conflict),
        new("GET", "/api/intake/clients/{id}/screening", ClinicalReaders, true, (o, l) => Get($"api/intake/clients/{o.Clients[l]}/screening"),
            Shared: o => Get($"api/intake/clients/{o.Shared.Client}/screening")),
        // A client answers the questionnaire themselves in the portal: they read it and the body regions too.
        new("GET", "/api/intake/questionnaire", Everyone, false, (o, l) => Get("api/intake/questionnaire"), ForAnyClient: true),
        new("GET", "/api/intake/body-regions", Everyone, false, (o, l) => Get("api/intake/body-regions"), ForAnyClient: true),
        new("GET", "/api/intake/screening-rules", ["therapist", "clinic-manager", "operations-admin"], false, (o, l) => Get("api/intake/screening-rules")),

        // Notifications
        new("GET", "/api/notifications/clients/{clientId}/messages", Everyone, false, (o, l) => Get($"api/notifications/clients/{o.Clients[l]}/messages"),
            Shared: o => Get($"api/notifications/clients/{o.Shared.Client}/messages"), ForClient: (_, t) => Get($"api/notifications/clients/{t.Client}/messages")),
        new("GET", "/api/notifications/locations/{locationId}/message-rules", Everyone, true, (o, l) => Get($"api/notifications/locations/{l}/message-rules")),
        new("PUT", "/api/notifications/locations/{locationId}/message-rules", Managers, true, async (o, l) =>
            await Put($"api/notifications/locations/{l}/message-rules", new { emailHoursBefore = 48, smsHoursBefore = 24, quietFrom = "00:00", quietUntil = "00:00" }, await o.MessageRulesVersionAsync(l))),
        new("GET", "/api/notifications/templates", Managers, false, (o, l) => Get("api/notifications/templates")),
        new("PUT", "/api/notifications/templates/{kind}/{language}", Admins, false, async (o, l) =>
            await Put("api/notifications/templates/intake-renewal/es", MatrixObjects.TemplateText, await o.TemplateVersionAsync(null, "intake-renewal", "es"))),
        new("DELETE", "/api/notifications/templates/{kind}/{language}", Admins, false, async (o, l) =>
            await Delete("api/notifications/templates/cancellation/es", await o.WrittenTemplateVersionAsync(null, "cancellation", "es"))),
        new("POST", "/api/notifications/templates/preview", Managers, true, (o, l) =>
            Post("api/notifications/templates/preview", new { kind = "reminder", language = "en", subject = "Reminder: {when}", body = "See you {when}.", sms = "See you {when}.", locationId = l })),
        new("GET", "/api/notifications/locations/{locationId}/templates", Managers, true, (o, l) => Get($"api/notifications/locations/{l}/templates")),
        new("PUT", "/api/notifications/locations/{locationId}/templates/{kind}/{language}", Managers, true, async (o, l) =>
            await Put($"api/notifications/locations/{l}/templates/intake-renewal/en", MatrixObjects.TemplateText, await o.TemplateVersionAsync(l, "intake-renewal", "en"))),
        new("DELETE", "/api/notifications/locations/{locationId}/templates/{kind}/{language}", Managers, true, async (o, l) =>
            await Delete($"api/notifications/locations/{l}/templates/cancellation/en", await o.WrittenTemplateVersionAsync(l, "cancellation", "en"))),
        new("GET", "/api/notifications/deliveries", Managers, true, (o, l) => Get($"api/notifications/deliveries?locationId={l}&from={Now(-24)}&to={Now(24)}")),
        new("GET", "/api/notifications/audit", Admins, false, (o, l) => Get($"api/notifications/audit?from={Now(-1)}&to={Now(1)}")),
        // Called by the SMS gateway with its key or a signature per message, never by staff: refused to every role.
        new("GET", "/api/notifications/sms/delivery-reports", NoOne, false,
            (o, l) => Get($"api/notifications/sms/delivery-reports?message={Guid.NewGuid():N}&sig=00000000000000000000000000000000&status=1")),
        new("POST", "/api/notifications/sms/incoming", NoOne, false, (o, l) => Post("api/notifications/sms/incoming?key=a-guess", new { })),
        // Public: the booking pages' data, without a token (the end-to-end clinics take no online bookings: not found, for anyone).
        new("GET", "/api/scheduling/public/locations", Everyone, false, (o, l) => Get("api/scheduling/public/locations"), AllowedStatus: HttpStatusCode.OK, Public: true),
        new("GET", "/api/scheduling/public/locations/{id}/times", Everyone, false,
            (o, l) => Get($"api/scheduling/public/locations/{l}/times?serviceCode=NMT-60&from={Day(40)}&to={Day(41)}"), AllowedStatus: HttpStatusCode.NotFound, Public: true),
        // A signed-in client books for themselves (no member of staff books this way): the end-to-end clinics take no online bookings, so their own request passes authorization and meets a 404.
        new("POST", "/api/scheduling/online-bookings", NoOne, false, (o, l) => Post("api/scheduling/online-bookings", OnlineBooking(o.Practice.Clients[l], l, o.Practice.Therapists[l])),
            ForClient: (o, t) => Post("api/scheduling/online-bookings", OnlineBooking(t.Client, Own, o.Practice.Therapists[Own])), ClientStatus: HttpStatusCode.NotFound),
        // A client moves or cancels their own appointment (Back Bay takes no online bookings, so a move meets a 409; a cancellation far enough ahead goes through).
        new("POST", "/api/scheduling/online-bookings/{id}/reschedule", NoOne, false, (o, l) => Post($"api/scheduling/online-bookings/{o.Appointments[l]}/reschedule", new { startsAt = Noon(46) }),
            ForClient: (_, t) => Post($"api/scheduling/online-bookings/{t.Appointment}/reschedule", new { startsAt = Noon(46) }), ClientStatus: HttpStatusCode.Conflict),
        new("POST", "/api/scheduling/online-bookings/{id}/cancel", NoOne, false, (o, l) => Post($"api/scheduling/online-bookings/{o.Appointments[l]}/cancel", new { }),
            ForClient: async (o, t) => await Post($"api/scheduling/online-bookings/{await o.FreshAppointmentOfAsync(t.Client)}/cancel", new { })),
        // Public: a client opens them from a message, without a token; a link that is not one of ours is not found, for anyone.
        new("GET", "/api/notifications/links/{token}", Everyone, false, (o, l) => Get("api/notifications/links/not-a-link"), AllowedStatus: HttpStatusCode.NotFound, Public: true),
        new("POST", "/api/notifications/links/{token}", Everyone, false, (o, l) => Post("api/notifications/links/not-a-link", new { }), AllowedStatus: HttpStatusCode.NotFound, Public: true),
    ];

    /// <summary>What a case acts on: the caller's own location's object, another location's, or the chain client booked at the caller's location.</summary>
    public const string OwnObject = "own";
    public const string OtherObject = "other";
    public const string SharedClient = "shared";

    public static TheoryData<string, string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string, string>();
        foreach (var row in Rows)
        {
            foreach (var role in Users.Keys)
            {
                data.Add(row.Method, row.Path, role, OwnObject);
                if (row.LocationScoped)
                {
                    data.Add(row.Method, row.Path, role, OtherObject);
                }

                if (row.Shared is not null)
                {
                    data.Add(row.Method, row.Path, role, SharedClient);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_role_is_allowed_exactly_what_the_matrix_says(string method, string path, string role, string target)
    {
        var row = Rows.Single(r => r.Method == method && r.Path == path);
        var objects = await MatrixObjects.GetAsync(system);
        using var client = await system.ClientForAsync(Users[role]);
        var allowed = target switch
        {
            SharedClient => (row.SharedRoles ?? row.Roles).Contains(role),
            OtherObject => row.Roles.Contains(role) && (!row.LocationScoped || row.ChainWide || role == "operations-admin"),
            _ => row.Roles.Contains(role),
        };

        // Commands that change or close what they act on get fresh objects for each case.
        var acted = row.FreshObjects && target != SharedClient ? await objects.WithFreshRecordsAsync() : objects;
        using var request = target == SharedClient ? await row.Shared!(acted) : await row.Request(acted, target == OwnObject ? Own : Other);
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        var where = $"{role} {method} {path} ({target})";
        var expectedStatus = target == SharedClient ? row.SharedStatus : row.AllowedStatus;
        if (!allowed)
        {
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{where} should be refused, got {(int)response.StatusCode}");
        }
        else if (expectedStatus is { } expected)
        {
            Assert.True(response.StatusCode == expected, $"{where} should pass authorization and answer {(int)expected}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
        }
        else
        {
            Assert.True(response.IsSuccessStatusCode, $"{where} should succeed, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
        }
    }

    /// <summary>The demo user who is a therapist at Back Bay (own) and the clinic manager of Cambridge (other).</summary>
    internal const string TherapistHereManagerThere = "therapist.manager";

    public static TheoryData<string, string, string> MixedRoleCases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var row in Rows)
        {
            data.Add(row.Method, row.Path, OwnObject);
            if (row.LocationScoped)
            {
                data.Add(row.Method, row.Path, OtherObject);
            }
        }

        return data;
    }

    /// <summary>
    /// Roles are held per location: a user who is a therapist at Back Bay and the clinic manager of
    /// Cambridge may do at each location exactly what that location's role allows, in every service,
    /// and never what her role at the other location would.
    /// </summary>
    [Theory]
    [MemberData(nameof(MixedRoleCases))]
    public async Task A_user_with_different_roles_at_two_locations_is_allowed_at_each_only_what_her_role_there_allows(string method, string path, string target)
    {
        var row = Rows.Single(r => r.Method == method && r.Path == path);
        var objects = await MatrixObjects.GetAsync(system);
        using var client = await system.ClientForAsync(TherapistHereManagerThere);
        var roleHere = row.Roles.Contains("therapist");
        var roleThere = row.Roles.Contains("clinic-manager");
        var allowed = !row.LocationScoped || row.ChainWide
            ? roleHere || roleThere
            : target == OwnObject ? roleHere : roleThere;

        var acted = row.FreshObjects ? await objects.WithFreshRecordsAsync() : objects;
        using var request = row.OwnSessionOf is { } therapist && target == OwnObject
            ? await Post("api/treatments/sessions", new { clientId = acted.Practice.Clients[Own], locationId = Own, therapistId = therapist(acted) })
            : await row.Request(acted, target == OwnObject ? Own : Other);
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        var where = $"therapist at Back Bay, manager at Cambridge: {method} {path} ({target})";
        if (!allowed)
        {
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{where} should be refused, got {(int)response.StatusCode}");
        }
        else if (row.AllowedStatus is { } expected)
        {
            Assert.True(response.StatusCode == expected, $"{where} should pass authorization and answer {(int)expected}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
        }
        else
        {
            Assert.True(response.IsSuccessStatusCode, $"{where} should succeed, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
        }
    }

    public static TheoryData<string, string, string> ClientCases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var row in Rows)
        {
            data.Add(row.Method, row.Path, OwnObject);
            if (row.ForClient is not null)
            {
                data.Add(row.Method, row.Path, OtherObject);
            }
        }

        return data;
    }

    /// <summary>
    /// The client column: a client's token (the portal's, signed in by an emailed code) is refused by
    /// every endpoint of every service except those that serve clients, and there it reaches the
    /// client's own records (own) and not another client's (other: a client of the caller's clinic).
    /// Public pages answer it as they answer anyone.
    /// </summary>
    [Theory]
    [MemberData(nameof(ClientCases))]
    public async Task A_clients_token_reaches_only_what_serves_clients_and_there_only_their_own_records(string method, string path, string target)
    {
        var row = Rows.Single(r => r.Method == method && r.Path == path);
        var objects = await MatrixObjects.GetAsync(system);
        var portal = await PortalClient.SharedAsync(system);
        using var client = system.CreateGatewayClient().WithToken(portal.Tokens.AccessToken);
        using var request = row.ForClient is { } forClient
            ? await forClient(objects, target == OwnObject ? new ClientTarget(portal.Id, portal.Appointment) : new ClientTarget(objects.Practice.Clients[Own], objects.Appointments[Own]))
            : await row.Request(objects, Own);

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        var where = $"client {method} {path} ({target})";
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        if (row.Public)
        {
            Assert.True(response.StatusCode == row.AllowedStatus, $"{where} is public and should answer {(int)row.AllowedStatus!}, got {(int)response.StatusCode}");
        }
        else if (row.ForAnyClient)
        {
            Assert.True(response.IsSuccessStatusCode, $"{where} is read by every signed-in client, got {(int)response.StatusCode}: {body}");
        }
        else if (row.ForClient is not null && target == OwnObject && row.ClientStatus is { } expected)
        {
            Assert.True(response.StatusCode == expected, $"{where} should pass authorization and answer {(int)expected}, got {(int)response.StatusCode}: {body}");
        }
        else if (row.ForClient is not null && target == OwnObject)
        {
            Assert.True(response.IsSuccessStatusCode, $"{where} should succeed for the client's own record, got {(int)response.StatusCode}: {body}");
            // What came back is theirs: it names them, or (their messages) their appointment.
            Assert.True(
                body.Contains(portal.Id.ToString(), StringComparison.OrdinalIgnoreCase) || body.Contains(portal.Appointment.ToString(), StringComparison.OrdinalIgnoreCase),
                $"{where} answered without the client's own record: {body}");
        }
        else
        {
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{where} should be refused to a client, got {(int)response.StatusCode}: {body}");
        }
    }

    public static TheoryData<string, string> Endpoints()
    {
        var data = new TheoryData<string, string>();
        foreach (var row in Rows)
        {
            data.Add(row.Method, row.Path);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Without_a_token_the_gateway_answers_401_except_on_public_pages(string method, string path)
    {
        var row = Rows.Single(r => r.Method == method && r.Path == path);
        var objects = await MatrixObjects.GetAsync(system);
        using var anonymous = system.CreateGatewayClient();
        using var request = await row.Request(objects, Own);

        using var response = await anonymous.SendAsync(request, TestContext.Current.CancellationToken);

        if (row.Public)
        {
            // A public page (a link in a message): no token is needed, and none changes the answer.
            Assert.Equal(row.AllowedStatus, response.StatusCode);
            return;
        }

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_endpoint_about_a_clients_record_has_a_chain_client_case()
    {
        // A client's record, appointments, notes and course: the chain-client rule must be stated for each.
        var aboutAClient = Rows.Where(row => (row.Path.Contains("/clients/{", StringComparison.Ordinal) || row.Path.Contains("/sessions", StringComparison.Ordinal)
            || row.Path is "/api/scheduling/appointments" or "/api/scheduling/waitlist") && row.Roles != Admins);
        Assert.All(aboutAClient, row => Assert.True(row.Shared is not null, $"{row.Method} {row.Path} has no case for the chain client booked at the caller's location"));
    }

    [Fact]
    public async Task Every_documented_endpoint_has_a_row_in_the_matrix()
    {
        var documented = new List<string>();
        using var admin = await system.ClientForAsync("ops.admin");
        foreach (var service in system.ServiceProcesses().Append(system.Service("gateway")))
        {
            using var client = new HttpClient { BaseAddress = service.BaseAddress };
            client.DefaultRequestHeaders.Authorization = admin.DefaultRequestHeaders.Authorization;
            var documentPath = service == system.Service("gateway") ? "api/staff/openapi/v1.json" : "openapi/v1.json";
            var document = await client.GetFromJsonAsync<JsonElement>(documentPath, TestContext.Current.CancellationToken);
            foreach (var path in document.GetProperty("paths").EnumerateObject())
            {
                foreach (var operation in path.Value.EnumerateObject().Where(o => o.Name is "get" or "post" or "put" or "patch" or "delete"))
                {
                    documented.Add($"{operation.Name.ToUpperInvariant()} {Normalise(path.Name)}");
                }
            }
        }

        var rows = Rows.Select(row => $"{row.Method} {Normalise(row.Path)}").ToHashSet();
        Assert.NotEmpty(documented);
        Assert.All(documented, endpoint => Assert.True(rows.Contains(endpoint), $"{endpoint} has no row in the authorization matrix"));
        Assert.All(rows, row => Assert.True(documented.Contains(row), $"the matrix has a row for {row}, which no service documents"));
    }

    /// <summary>Route parameters compare by position, not name: <c>/a/{id}</c> equals <c>/a/{noteId}</c>.</summary>
    private static string Normalise(string path) => RouteParameter().Replace(path.TrimEnd('/'), "{}");

    [GeneratedRegex(@"\{[^}]+\}", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex RouteParameter();

    private static string Now(int hours) => Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(hours).ToString("O"));

    private static string Day(int daysAhead) => DateTime.UtcNow.AddDays(daysAhead).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateTimeOffset Noon(int daysAhead) => new(DateTime.UtcNow.Date.AddDays(daysAhead).AddHours(16), TimeSpan.Zero);

    /// <summary>An online-booking policy that keeps a location closed to online bookings (as the end-to-end clinics are).</summary>
    private static object ClosedOnline => new { open = false, serviceCodes = Array.Empty<string>(), bookAheadDays = 60, minimumNoticeHours = 12, newClients = true, cancellationNoticeHours = 24 };

    private static object OnlineBooking(Guid client, Guid location, Guid therapist) => new
    {
        clientId = client, locationId = location, therapistId = therapist, serviceCode = "NMT-60", startsAt = Noon(45),
    };

    private static object ClientDetails => new
    {
        name = new { given = "Robin", family = "Matrix" },
        dateOfBirth = "1979-03-04",
        contact = new { phone = "+1 617 555 0142" },
    };

    private static object MessagePreferences => new { email = false, sms = false, language = "es", how = "phone" };

    private static object PrivacyConsent => new
    {
        kind = "privacy", policyVersion = "2026-01", signerName = "Robin Matrix", signerRelationship = "self",
        signedOn = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };

    private static object Clearance => new
    {
        physicianName = "Dr. Ames",
        clearedOn = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        expiresOn = DateTime.UtcNow.AddMonths(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };

    private static object Registration(Guid location) => new
    {
        locationId = location,
        name = new { given = "Robin", family = "Matrix" },
        dateOfBirth = "1979-03-04",
        contact = new { email = "robin.matrix@example.org" },
    };

    private static Task<HttpRequestMessage> Get(string path) => Task.FromResult(new HttpRequestMessage(HttpMethod.Get, path));

    private static Task<HttpRequestMessage> Post(string path, object body) =>
        Task.FromResult(new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) });

    private static Task<HttpRequestMessage> Post(string path, object body, string ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return Task.FromResult(request);
    }

    private static Task<HttpRequestMessage> Delete(string path, string ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Delete, path);
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return Task.FromResult(request);
    }

    private static Task<HttpRequestMessage> Put(string path, object body, string? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return Task.FromResult(request);
    }

    /// <summary>What a client case acts on: a client's record and one of their appointments.</summary>
    internal sealed record ClientTarget(Guid Client, Guid Appointment);

    /// <summary>One endpoint of the matrix.</summary>
    /// <param name="Method">The HTTP method.</param>
    /// <param name="Path">The route as the service documents it.</param>
    /// <param name="Roles">Who may call it (on their own location's objects).</param>
    /// <param name="LocationScoped">Whether it acts on something of a location (then another location's is refused).</param>
    /// <param name="Request">The request on the objects of a location.</param>
    /// <param name="AllowedStatus">The answer when allowed, when not a success (a 409 the state gives).</param>
    /// <param name="FreshObjects">Whether each case needs objects of its own (the request changes or closes them).</param>
    /// <param name="Shared">The request on the chain client registered at Cambridge and booked at Back Bay, for an endpoint about a client.</param>
    /// <param name="SharedRoles">Who at Back Bay may do it to that client (by default, <paramref name="Roles"/>).</param>
    /// <param name="SharedStatus">The answer to the shared case when allowed, when not a success.</param>
    /// <param name="ChainWide">Another location's object is open to every location of the chain (a client's summary).</param>
    /// <param name="OwnSessionOf">For opening a session by hand: the therapist profile of the user with roles at two locations (a therapist opens only her own sessions).</param>
    /// <param name="Public">A page clients open without a token (a link in a message): anonymous callers get <paramref name="AllowedStatus"/> too.</param>
    /// <param name="ForClient">For an endpoint that serves clients (the portal): the request on a given client's records; a client's token reaches it for their own only.</param>
    /// <param name="ClientStatus">The answer to a client's own request, when not a success (a 404 the state gives).</param>
    /// <param name="ForAnyClient">Reference data every signed-in client reads (the questionnaire they answer), about no client in particular.</param>
    internal sealed record MatrixRow(
        string Method,
        string Path,
        string[] Roles,
        bool LocationScoped,
        Func<MatrixObjects, Guid, Task<HttpRequestMessage>> Request,
        HttpStatusCode? AllowedStatus = null,
        bool FreshObjects = false,
        Func<MatrixObjects, Task<HttpRequestMessage>>? Shared = null,
        string[]? SharedRoles = null,
        HttpStatusCode? SharedStatus = null,
        bool ChainWide = false,
        Func<MatrixObjects, Guid>? OwnSessionOf = null,
        bool Public = false,
        Func<MatrixObjects, ClientTarget, Task<HttpRequestMessage>>? ForClient = null,
        HttpStatusCode? ClientStatus = null,
        bool ForAnyClient = false);
}

using System.Net.Mail;
using System.Text.Json;
using System.Text.RegularExpressions;
using NmtPractice.Intake.Questionnaires;
using NmtPractice.Intake.Screening;
using NmtPractice.ServiceDefaults.Http;

namespace NmtPractice.Intake.Clients;

/// <summary>Who acts, and when.</summary>
public sealed record Actor(string UserId, DateTimeOffset Now)
{
    /// <summary>The calendar day of the decision (UTC).</summary>
    public DateOnly Today => DateOnly.FromDateTime(Now.UtcDateTime);
}

/// <summary>The personal details a client is registered with.</summary>
public sealed record ClientDetails(PersonName Name, DateOnly DateOfBirth, ContactDetails Contact, EmergencyContact? EmergencyContact, PrimaryCarePhysician? Physician);

/// <summary>A physician clearance as requested.</summary>
public sealed record ClearanceRequest(Guid ClearanceId, string PhysicianName, string? Practice, DateOnly? ClearedOn, DateOnly? ExpiresOn, IReadOnlyList<string>? CoversRules);

/// <summary>
/// The decisions on a client record: pure functions from the current state and a command to the
/// events to append. Invalid commands throw <see cref="RequestValidationException"/> (400) naming every
/// bad field, or <see cref="ConflictException"/> (409) when the record's state does not allow them.
/// </summary>
public static partial class ClientDecisions
{
    public static ClientRegistered Register(Guid clientId, Guid locationId, ClientDetails details, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(details);
        ArgumentNullException.ThrowIfNull(actor);
        var errors = Validate(details, actor.Today);
        if (clientId == Guid.Empty)
        {
            errors["clientId"] = ["Must be a non-empty id."];
        }

        if (locationId == Guid.Empty)
        {
            errors["locationId"] = ["Must be a non-empty id."];
        }

        ThrowIfAny(errors);
        var clean = Clean(details);
        return new ClientRegistered(clientId, locationId, clean.Name, clean.DateOfBirth, clean.Contact, clean.EmergencyContact, clean.Physician, actor.Now, actor.UserId);
    }

    public static ClientDetailsChanged ChangeDetails(ClientRecord state, ClientDetails details, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(actor);
        ThrowIfAny(Validate(details, actor.Today));
        var clean = Clean(details);
        return new ClientDetailsChanged(state.Id, clean.Name, clean.DateOfBirth, clean.Contact, clean.EmergencyContact, clean.Physician, actor.Now, actor.UserId);
    }

    /// <summary>Records a new intake version (the earlier ones stay readable) and screens it.</summary>
    public static IReadOnlyList<object> AnswerIntake(
        ClientRecord state,
        IReadOnlyDictionary<string, JsonElement> answers,
        Questionnaire questionnaire,
        RuleSet rules,
        int validityMonths,
        Actor actor)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(questionnaire);
        ArgumentNullException.ThrowIfNull(actor);
        var errors = AnswerValidator.Validate(questionnaire, answers, actor.Today);
        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        var answered = new IntakeAnswered(
            state.Id,
            (state.Intake?.Version ?? 0) + 1,
            questionnaire.Id,
            questionnaire.Version,
            answers.Where(pair => pair.Value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined))
                .ToDictionary(pair => pair.Key, pair => pair.Value.Clone(), StringComparer.Ordinal),
            actor.Today.AddMonths(validityMonths),
            actor.Now,
            actor.UserId);
        return [answered, Screen(state.Apply(answered), rules, ScreeningTrigger.IntakeAnswered, actor)];
    }

    /// <summary>Records a consent; a treatment consent completes the screening of an answered intake.</summary>
    public static IReadOnlyList<object> GiveConsent(
        ClientRecord state,
        ConsentKind? kind,
        string? policyVersion,
        string? signerName,
        SignerRelationship? relationship,
        DateOnly? signedOn,
        RuleSet rules,
        Actor actor)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(actor);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(policyVersion) || policyVersion.Trim().Length > 32)
        {
            errors["policyVersion"] = ["Name the policy version signed (at most 32 characters)."];
        }

        if (string.IsNullOrWhiteSpace(signerName) || signerName.Trim().Length > 200)
        {
            errors["signerName"] = ["The signer's name is required (at most 200 characters)."];
        }

        if (kind is null)
        {
            errors["kind"] = ["treatment or privacy."];
        }

        if (relationship is null)
        {
            errors["signerRelationship"] = ["self, parent, guardian or representative."];
        }

        if (signedOn is null)
        {
            errors["signedOn"] = ["Required."];
        }
        else if (signedOn > actor.Today || signedOn < actor.Today.AddYears(-1))
        {
            errors["signedOn"] = ["The signing date must be within the last year and not in the future."];
        }

        ThrowIfAny(errors);
        var given = new ConsentGiven(state.Id, kind!.Value, policyVersion!.Trim(), signerName!.Trim(), relationship!.Value, signedOn!.Value, actor.Now, actor.UserId);
        return kind == ConsentKind.Treatment && state.Intake is not null
            ? [given, Screen(state.Apply(given), rules, ScreeningTrigger.ConsentGiven, actor)]
            : [given];
    }

    /// <summary>Records a physician clearance for clearance-required findings and screens again.</summary>
    public static IReadOnlyList<object> GiveClearance(ClientRecord state, ClearanceRequest request, RuleSet rules, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(actor);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(request.PhysicianName) || request.PhysicianName.Trim().Length > 200)
        {
            errors["physicianName"] = ["The physician's name is required (at most 200 characters)."];
        }

        if (request.Practice is { Length: > 200 })
        {
            errors["practice"] = ["At most 200 characters."];
        }

        if (request.ClearedOn is not { } clearedOn)
        {
            errors["clearedOn"] = ["Required."];
        }
        else if (clearedOn > actor.Today)
        {
            errors["clearedOn"] = ["A clearance cannot be dated in the future."];
        }

        if (request.ExpiresOn is not { } expiresOn)
        {
            errors["expiresOn"] = ["Required."];
        }
        else if (expiresOn < actor.Today || (request.ClearedOn is { } from && expiresOn < from))
        {
            errors["expiresOn"] = ["The clearance must not have expired already."];
        }
        else if (request.ClearedOn is { } start && expiresOn > start.AddYears(1))
        {
            errors["expiresOn"] = ["A clearance is valid for at most one year."];
        }

        var clearanceRules = rules.Rules.Where(rule => rule.Category == FindingCategory.PhysicianClearanceRequired).Select(rule => rule.Id).ToHashSet(StringComparer.Ordinal);
        var unknown = (request.CoversRules ?? []).Where(rule => !clearanceRules.Contains(rule)).ToList();
        if (unknown.Count > 0)
        {
            errors["coversRules"] = [$"Not rules that need a physician's clearance: {string.Join(", ", unknown)}."];
        }

        ThrowIfAny(errors);
        var needed = state.Screening?.Findings
            .Where(finding => finding.Category == FindingCategory.PhysicianClearanceRequired)
            .Select(finding => finding.RuleId)
            .ToList() ?? [];
        var covers = request.CoversRules is { Count: > 0 } explicitRules ? explicitRules.Distinct(StringComparer.Ordinal).ToList() : needed;
        if (state.Intake is null || covers.Count == 0)
        {
            throw new ConflictException("Nothing to clear", "The client's current screening needs no physician clearance.");
        }

        var given = new PhysicianClearanceGiven(
            state.Id, state.LocationId, request.ClearanceId, request.PhysicianName.Trim(), request.Practice?.Trim(),
            request.ClearedOn!.Value, request.ExpiresOn!.Value, covers, actor.Now, actor.UserId);
        return [given, Screen(state.Apply(given), rules, ScreeningTrigger.ClearanceGiven, actor)];
    }

    /// <summary>
    /// Lapses what has expired by <paramref name="actor"/>'s day: physician clearances (the screening
    /// is decided again without them) and the intake (which must be renewed). Nothing when nothing is due.
    /// </summary>
    public static IReadOnlyList<object> Lapse(ClientRecord state, RuleSet rules, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(actor);
        var events = new List<object>();
        var current = state;
        foreach (var clearance in state.Clearances.Where(c => !c.Lapsed && c.ExpiresOn < actor.Today))
        {
            var lapsed = new PhysicianClearanceLapsed(state.Id, clearance.ClearanceId, clearance.ExpiresOn, actor.Now);
            events.Add(lapsed);
            current = current.Apply(lapsed);
        }

        if (events.Count > 0 && current.Intake is not null)
        {
            var screened = Screen(current, rules, ScreeningTrigger.ClearanceLapsed, actor);
            events.Add(screened);
            current = current.Apply(screened);
        }

        if (current.Intake is { Lapsed: false } intake && intake.ValidUntil < actor.Today)
        {
            events.Add(new IntakeLapsed(state.Id, state.LocationId, intake.Version, intake.ValidUntil, actor.Now));
        }

        return events;
    }

    /// <summary>Screens the record as it stands.</summary>
    internal static ClientScreened Screen(ClientRecord state, RuleSet rules, ScreeningTrigger trigger, Actor actor)
    {
        var intake = state.Intake ?? throw new InvalidOperationException("Screening needs an intake.");
        var clearances = state.Clearances
            .Where(c => !c.Lapsed)
            .Select(c => new ClearanceInForce(c.ClearanceId, c.CoversRules, c.ClearedOn, c.ExpiresOn))
            .ToList();
        var result = ScreeningEngine.Evaluate(rules, new AnswerSet(intake.Answers), state.DateOfBirth, actor.Today, clearances);
        var used = result.Findings.Where(f => f.ClearedBy is not null).Select(f => f.ClearedBy).ToHashSet();
        DateOnly? clearanceValidUntil = used.Count == 0
            ? null
            : clearances.Where(c => used.Contains(c.ClearanceId)).Min(c => c.ExpiresOn);
        return new ClientScreened(
            state.Id,
            state.LocationId,
            (state.Screening?.Number ?? 0) + 1,
            intake.Version,
            intake.ValidUntil,
            result.RuleSetVersion,
            result.Outcome,
            result.Findings,
            clearanceValidUntil,
            state.HasTreatmentConsent,
            trigger,
            actor.Now);
    }

    private static Dictionary<string, string[]> Validate(ClientDetails? details, DateOnly today)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (details is null)
        {
            errors["body"] = ["The client's details are required."];
            return errors;
        }

        Text(errors, "name.given", details.Name?.Given, 100, required: true);
        Text(errors, "name.family", details.Name?.Family, 100, required: true);
        Text(errors, "name.preferred", details.Name?.Preferred, 100, required: false);

        if (details.DateOfBirth > today || details.DateOfBirth < today.AddYears(-120))
        {
            errors["dateOfBirth"] = ["Must be a real date of birth, not in the future."];
        }

        var email = details.Contact?.Email?.Trim();
        var phone = details.Contact?.Phone?.Trim();
        if (string.IsNullOrEmpty(email) && string.IsNullOrEmpty(phone))
        {
            errors["contact"] = ["Give an email address or a phone number."];
        }

        if (!string.IsNullOrEmpty(email) && (email.Length > 254 || !MailAddress.TryCreate(email, out var parsed) || parsed.Address != email))
        {
            errors["contact.email"] = ["Not a valid email address."];
        }

        if (!string.IsNullOrEmpty(phone) && !PhoneNumber().IsMatch(phone))
        {
            errors["contact.phone"] = ["Use 7 to 20 digits, spaces, brackets, dashes and an optional leading +."];
        }

        if (details.EmergencyContact is { } emergency)
        {
            Text(errors, "emergencyContact.name", emergency.Name, 100, required: true);
            Text(errors, "emergencyContact.relationship", emergency.Relationship, 50, required: true);
            if (string.IsNullOrWhiteSpace(emergency.Phone) || !PhoneNumber().IsMatch(emergency.Phone.Trim()))
            {
                errors["emergencyContact.phone"] = ["A valid phone number is required."];
            }
        }

        if (details.Physician is { } physician)
        {
            Text(errors, "physician.name", physician.Name, 100, required: true);
            Text(errors, "physician.practice", physician.Practice, 200, required: false);
            if (!string.IsNullOrWhiteSpace(physician.Phone) && !PhoneNumber().IsMatch(physician.Phone.Trim()))
            {
                errors["physician.phone"] = ["Not a valid phone number."];
            }
        }

        return errors;
    }

    private static ClientDetails Clean(ClientDetails details) => new(
        new PersonName(details.Name.Given.Trim(), details.Name.Family.Trim(), NullIfBlank(details.Name.Preferred)),
        details.DateOfBirth,
        new ContactDetails(NullIfBlank(details.Contact.Email), NullIfBlank(details.Contact.Phone)),
        details.EmergencyContact is { } e ? new EmergencyContact(e.Name.Trim(), e.Relationship.Trim(), e.Phone.Trim()) : null,
        details.Physician is { } p ? new PrimaryCarePhysician(p.Name.Trim(), NullIfBlank(p.Practice), NullIfBlank(p.Phone)) : null);

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static void Text(Dictionary<string, string[]> errors, string field, string? value, int max, bool required)
    {
        if (required && string.IsNullOrWhiteSpace(value))
        {
            errors[field] = ["Required."];
        }
        else if (value is not null && value.Trim().Length > max)
        {
            errors[field] = [$"At most {max} characters."];
        }
    }

    private static void ThrowIfAny(Dictionary<string, string[]> errors)
    {
        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }
    }

    [GeneratedRegex(@"^\+?[0-9 ()\-]{7,20}$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex PhoneNumber();
}

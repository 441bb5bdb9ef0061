using System.Text.Json;

namespace NmtPractice.Intake.Clients;

/// <summary>
/// The decisions on a client record: pure functions from the current state and a command to the
/// events to append. Invalid commands throw <see cref="RequestValidationException"/> (400) naming every
/// bad field, or <see cref="ConflictException"/> (409) when the record's state does not allow them.
/// </summary>
public static class ClientDecisions
{
    public static ClientRegistered Register(RegisterClient command, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(actor);
        var errors = ClientDetails.Check(command.Details, actor.LatestToday, new InputErrors())
            .Require(command.ClientId != Guid.Empty, "clientId", "Must be a non-empty id.")
            .Require(command.LocationId != Guid.Empty, "locationId", "Must be a non-empty id.");
        errors.ThrowIfAny();
        var clean = command.Details.Cleaned();
        return new ClientRegistered(command.ClientId, command.LocationId, clean.Name, clean.DateOfBirth, clean.Contact, clean.EmergencyContact, clean.Physician, actor.Now, actor.UserId);
    }

    /// <summary>
    /// The contact a newly registered client is messaged by, with what they said about messages (or
    /// nothing yet: no messages until they agree).
    /// </summary>
    public static MessagingContactRecorded ContactAtRegistration(ClientRegistered registered, SetMessagePreferences? preferences)
    {
        ArgumentNullException.ThrowIfNull(registered);
        var chosen = preferences is null ? MessagePreferences.None : CheckPreferences(preferences, registered.Contact, "messages.").ThrowIfAnyAnd(preferences);
        return new MessagingContactRecorded(
            registered.ClientId, registered.LocationId, registered.Contact.Email, registered.Contact.Phone,
            chosen, preferences?.How?.Trim() ?? ConsentSources.InPerson, registered.RegisteredAt, registered.RegisteredBy);
    }

    /// <summary>The client gives or withdraws consent to messages on a channel, or changes their language.</summary>
    public static MessagingContactRecorded SetPreferences(ClientRecord state, SetMessagePreferences command, Actor actor, IReadOnlyList<string> sources)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(sources);
        EnsureOpen(state);
        var errors = CheckPreferences(command, state.Contact, string.Empty);
        errors.Require(command.How is not null && sources.Contains(command.How.Trim()), "how", $"How the client said it: {string.Join(", ", sources)}.")
            .ThrowIfAny();
        return new MessagingContactRecorded(
            state.Id, state.LocationId, state.Contact.Email, state.Contact.Phone,
            new MessagePreferences(command.Email!.Value, command.Sms!.Value, command.Language!.Trim()), command.How!.Trim(), actor.Now, actor.UserId);
    }

    /// <summary>
    /// When a change of details gives the client another email address or phone number, the contact
    /// messages go to is recorded again, with the preferences as they stood (a channel whose address is
    /// gone can no longer be used).
    /// </summary>
    public static MessagingContactRecorded? ContactAfter(ClientRecord state, ClientDetailsChanged changed)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(changed);
        if (state.Contact == changed.Contact)
        {
            return null;
        }

        var before = state.Messages ?? MessagePreferences.None;
        var after = before with { Email = before.Email && changed.Contact.Email is not null, Sms = before.Sms && changed.Contact.Phone is not null };
        return new MessagingContactRecorded(
            state.Id, state.LocationId, changed.Contact.Email, changed.Contact.Phone, after, ConsentSources.ContactChanged, changed.ChangedAt, changed.ChangedBy);
    }

    /// <summary>
    /// The client asked for no more messages on a channel (<c>sms</c> or <c>email</c>) by answering a
    /// message: recorded as a withdrawn consent, <paramref name="via"/> how; nothing when it is already off.
    /// </summary>
    public static MessagingContactRecorded? StopMessages(ClientRecord state, string channel, string via, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(state);
        var before = state.Messages ?? MessagePreferences.None;
        var after = channel == "sms" ? before with { Sms = false } : before with { Email = false };
        return after == before || state.MergedInto is not null
            ? null
            : new MessagingContactRecorded(state.Id, state.LocationId, state.Contact.Email, state.Contact.Phone, after, via, at, $"client:{state.Id:N}");
    }

    private static InputErrors CheckPreferences(SetMessagePreferences preferences, ContactDetails contact, string prefix) =>
        new InputErrors()
            .Require(preferences.Email is not null, prefix + "email", "Required: true when the client agreed to messages by email.")
            .Require(preferences.Sms is not null, prefix + "sms", "Required: true when the client agreed to text messages.")
            .Require(preferences.Email != true || !string.IsNullOrWhiteSpace(contact.Email), prefix + "email", "There is no email address to send messages to.")
            .Require(preferences.Sms != true || !string.IsNullOrWhiteSpace(contact.Phone), prefix + "sms", "There is no phone number to send text messages to.")
            .Require(preferences.Language is not null && MessagePreferences.Languages.Contains(preferences.Language.Trim()), prefix + "language", $"One of: {string.Join(", ", MessagePreferences.Languages)}.");

    private static MessagePreferences ThrowIfAnyAnd(this InputErrors errors, SetMessagePreferences preferences)
    {
        errors.Require(preferences.How is null || ConsentSources.Staff.Contains(preferences.How.Trim()), "messages.how", $"How the client said it: {string.Join(", ", ConsentSources.Staff)}.")
            .ThrowIfAny();
        return new MessagePreferences(preferences.Email!.Value, preferences.Sms!.Value, preferences.Language!.Trim());
    }

    public static ClientDetailsChanged ChangeDetails(ClientRecord state, ChangeClientDetails command, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(actor);
        EnsureOpen(state);
        ClientDetails.Check(command.Details, actor.LatestToday, new InputErrors()).ThrowIfAny();
        var clean = command.Details.Cleaned();
        return new ClientDetailsChanged(state.Id, clean.Name, clean.DateOfBirth, clean.Contact, clean.EmergencyContact, clean.Physician, actor.Now, actor.UserId);
    }

    /// <summary>Records a new intake version (the earlier ones stay readable) and screens it.</summary>
    public static IReadOnlyList<object> AnswerIntake(
        ClientRecord state,
        AnswerIntake command,
        Questionnaire questionnaire,
        RuleSet rules,
        int validityMonths,
        Actor actor)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(questionnaire);
        ArgumentNullException.ThrowIfNull(actor);
        EnsureOpen(state);
        var answers = command.Answers;
        var errors = AnswerValidator.Validate(questionnaire, answers, actor.Today, actor.LatestToday);
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
    public static IReadOnlyList<object> GiveConsent(ClientRecord state, GiveConsent command, RuleSet rules, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(actor);
        EnsureOpen(state);
        var (kind, policyVersion, signerName, relationship, signedOn) = command;
        new InputErrors()
            .Require(!string.IsNullOrWhiteSpace(policyVersion) && policyVersion.Trim().Length <= 32, "policyVersion", "Name the policy version signed (at most 32 characters).")
            .Require(!string.IsNullOrWhiteSpace(signerName) && signerName.Trim().Length <= 200, "signerName", "The signer's name is required (at most 200 characters).")
            .Require(kind is not null, "kind", "treatment or privacy.")
            .Require(relationship is not null, "signerRelationship", "self, parent, guardian or representative.")
            .Require(signedOn is not null, "signedOn", "Required.")
            .Require(signedOn is null || (signedOn <= actor.LatestToday && signedOn >= actor.Today.AddYears(-1)), "signedOn", "The signing date must be within the last year and not in the future.")
            .ThrowIfAny();
        var given = new ConsentGiven(state.Id, kind!.Value, policyVersion!.Trim(), signerName!.Trim(), relationship!.Value, signedOn!.Value, actor.Now, actor.UserId);
        return kind == ConsentKind.Treatment && state.Intake is not null
            ? [given, Screen(state.Apply(given), rules, ScreeningTrigger.ConsentGiven, actor)]
            : [given];
    }

    /// <summary>Records a physician clearance for clearance-required findings and screens again.</summary>
    public static IReadOnlyList<object> GiveClearance(ClientRecord state, GiveClearance request, RuleSet rules, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(actor);
        EnsureOpen(state);
        var clearanceRules = rules.Rules.Where(rule => rule.Category == FindingCategory.PhysicianClearanceRequired).Select(rule => rule.Id).ToHashSet(StringComparer.Ordinal);
        var unknown = (request.CoversRules ?? []).Where(rule => !clearanceRules.Contains(rule)).ToList();
        var (cleared, expires) = (request.ClearedOn, request.ExpiresOn);
        new InputErrors()
            .Require(!string.IsNullOrWhiteSpace(request.PhysicianName) && request.PhysicianName.Trim().Length <= 200, "physicianName", "The physician's name is required (at most 200 characters).")
            .Require(request.Practice is not { Length: > 200 }, "practice", "At most 200 characters.")
            .Require(cleared is not null, "clearedOn", "Required.")
            .Require(cleared is null || cleared <= actor.LatestToday, "clearedOn", "A clearance cannot be dated in the future.")
            .Require(expires is not null, "expiresOn", "Required.")
            .Require(expires is null || (expires >= actor.Today && (cleared is null || expires >= cleared)), "expiresOn", "The clearance must not have expired already.")
            .Require(expires is null || expires < actor.Today || cleared is null || expires < cleared || expires <= cleared.Value.AddYears(1), "expiresOn", "A clearance is valid for at most one year.")
            .Require(unknown.Count == 0, "coversRules", $"Not rules that need a physician's clearance: {string.Join(", ", unknown)}.")
            .ThrowIfAny();
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
        if (state.MergedInto is not null)
        {
            return [];
        }

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

    /// <summary>
    /// Merges <paramref name="duplicate"/>, a second registration of the same person, into
    /// <paramref name="survivor"/>, the record that stays: the duplicate is closed (kept for reading,
    /// never changed or booked again) and what was recorded under its id counts as the survivor's.
    /// Neither may be merged away already; a reason is required.
    /// </summary>
    public static (ClientMergedIn Survivor, ClientMergedAway Duplicate) Merge(ClientRecord survivor, ClientRecord duplicate, MergeClient command, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(survivor);
        ArgumentNullException.ThrowIfNull(duplicate);
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(actor);
        var errors = new InputErrors()
            .Require(survivor.Id != duplicate.Id, "duplicateId", "A record cannot be merged into itself.");
        var reason = errors.RequiredText("reason", command.Reason, 500);
        errors.ThrowIfAny();
        EnsureOpen(survivor);
        EnsureOpen(duplicate);
        return (
            new ClientMergedIn(survivor.Id, duplicate.Id, reason, actor.Now, actor.UserId),
            new ClientMergedAway(duplicate.Id, survivor.Id, reason, actor.Now, actor.UserId));
    }

    /// <summary>A record merged into another is closed: 409 naming the record that stays.</summary>
    internal static void EnsureOpen(ClientRecord state)
    {
        if (state.MergedInto is { } survivor)
        {
            throw new ConflictException("Client merged", $"This registration was merged into client {survivor}: use that record.")
                .With("mergedInto", survivor);
        }
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
}

namespace NmtPractice.TreatmentRecords.SessionNotes;

/// <summary>Who acts, and when.</summary>
public sealed record Actor(string UserId, DateTimeOffset Now);

/// <summary>The sections of a note, by the code used in routes, amendments and problems.</summary>
public static class NoteSections
{
    public const string Subjective = "subjective";
    public const string Objective = "objective";
    public const string Treatment = "treatment";
    public const string Assessment = "assessment";
}

/// <summary>
/// The decisions on a session note: pure functions from the note and a command to the event to append.
/// Bad values throw <see cref="RequestValidationException"/> (400) naming every field; a command the
/// note's state does not allow throws <see cref="ConflictException"/> (409). Either way nothing is written.
/// </summary>
public static class SessionNoteDecisions
{
    public const string CheckInSource = "check-in";
    public const string TherapistSource = "therapist";

    /// <summary>Opens a note when the client's screening allows treatment on the session's day.</summary>
    public static SessionNoteOpened Open(
        Guid sessionId, Guid? appointmentId, Guid clientId, Guid locationId, Guid? therapistId, DateOnly sessionDate,
        ClientScreening? screening, string source, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var (shown, refusal) = OpeningRules.Check(screening, sessionDate);
        if (refusal is not null)
        {
            throw new ConflictException("Treatment not allowed", refusal.Detail).With("reason", refusal.Code);
        }

        return new SessionNoteOpened(sessionId, appointmentId, clientId, locationId, therapistId, sessionDate, source, actor.UserId, shown!, actor.Now);
    }

    public static SubjectiveRecorded RecordSubjective(SessionNote note, SubjectiveRequest request, Actor actor)
    {
        EnsureEditable(note, NoteSections.Subjective);
        return new SubjectiveRecorded(note.Id, Parse(errors => request.Parse(errors, string.Empty)), actor.UserId, actor.Now);
    }

    public static ObjectiveRecorded RecordObjective(SessionNote note, ObjectiveRequest request, Actor actor)
    {
        EnsureEditable(note, NoteSections.Objective);
        return new ObjectiveRecorded(note.Id, Parse(errors => request.Parse(errors, string.Empty)), actor.UserId, actor.Now);
    }

    public static TreatmentRecorded RecordTreatment(SessionNote note, TreatmentRequest request, int discomfortThreshold, Actor actor)
    {
        EnsureEditable(note, NoteSections.Treatment);
        return new TreatmentRecorded(note.Id, DecideTreatment(note, request, discomfortThreshold, string.Empty), actor.UserId, actor.Now);
    }

    public static AssessmentAndPlanRecorded RecordAssessmentAndPlan(SessionNote note, AssessmentAndPlanRequest request, Actor actor)
    {
        EnsureEditable(note, NoteSections.Assessment);
        return new AssessmentAndPlanRecorded(note.Id, Parse(errors => request.Parse(errors, string.Empty)), actor.UserId, actor.Now);
    }

    /// <summary>Signs a complete note: pain before, at least one technique and pain after are required.</summary>
    public static SessionNoteSigned Sign(SessionNote note, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(note);
        ArgumentNullException.ThrowIfNull(actor);
        if (note.IsSigned)
        {
            throw new ConflictException("Already signed", "The note is already signed; change it by amendment.").With("reason", "signed");
        }

        var missing = new List<string>();
        if (note.Subjective is null)
        {
            missing.Add("subjective.painBefore");
        }

        if (note.Treatment is not { Techniques.Count: > 0 })
        {
            missing.Add("treatment.techniques");
        }

        if (note.AssessmentAndPlan is null)
        {
            missing.Add("assessment.painAfter");
        }

        if (missing.Count > 0)
        {
            throw new ConflictException("Note incomplete", $"A note is signed with pain before, at least one technique and pain after. Missing: {string.Join(", ", missing)}.")
                .With("reason", "incomplete")
                .With("missing", missing);
        }

        return new SessionNoteSigned(note.Id, actor.UserId, actor.Now, FactsOf(note));
    }

    /// <summary>
    /// Whether <paramref name="userId"/> may amend <paramref name="note"/>: its author (who signed it), or
    /// a clinic manager of its location (with a reason, as every amendment). Another therapist adds an
    /// addendum instead. An unsigned note is no one's to amend (<see cref="Amend"/> says why).
    /// </summary>
    public static bool MayAmend(SessionNote note, string userId, bool isManager)
    {
        ArgumentNullException.ThrowIfNull(note);
        return note.Signature is not { } signature || signature.SignedBy == userId || isManager;
    }

    /// <summary>Adds an attributed addendum to a signed note (1 to 2,000 characters); the signed content is untouched.</summary>
    public static SessionNoteAddendumAdded AddAddendum(SessionNote note, AddendumRequest request, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(note);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(actor);
        EnsureSigned(note, "addenda");
        var errors = new InputErrors();
        var text = errors.RequiredText("text", request.Text, 2000);
        errors.ThrowIfAny();
        return new SessionNoteAddendumAdded(note.Id, Guid.CreateVersion7(), text, actor.UserId, actor.Now);
    }

    /// <summary>Addenda and amendments are for signed notes: an unsigned one is edited directly (409 <c>unsigned</c>).</summary>
    private static void EnsureSigned(SessionNote note, string changes)
    {
        if (!note.IsSigned)
        {
            throw new ConflictException("Not signed", $"An unsigned note is edited directly (PUT its section); {changes} are for signed notes.").With("reason", "unsigned");
        }
    }

    /// <summary>Amends one section of a signed note, with a reason; the original stays in the stream.</summary>
    public static SessionNoteAmended Amend(SessionNote note, AmendmentRequest request, int discomfortThreshold, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(note);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(actor);
        EnsureSigned(note, "amendments");
        var errors = new InputErrors();
        var reason = errors.RequiredText("reason", request.Reason, 1000);
        var given = new object?[] { request.Subjective, request.Objective, request.Treatment, request.Assessment }.Count(section => section is not null);
        if (given != 1)
        {
            errors.Add("section", "Send exactly one of subjective, objective, treatment or assessment: the section as it should read.");
        }

        var subjective = request.Subjective?.Parse(errors, "subjective.");
        var objective = request.Objective?.Parse(errors, "objective.");
        var assessment = request.Assessment?.Parse(errors, "assessment.");
        var techniques = request.Treatment?.Parse(errors, "treatment.");
        errors.ThrowIfAny();
        var treatment = techniques is null ? null : DecideTreatment(note, techniques, discomfortThreshold, "treatment.");
        var section = subjective is not null ? NoteSections.Subjective
            : objective is not null ? NoteSections.Objective
            : treatment is not null ? NoteSections.Treatment
            : NoteSections.Assessment;

        var amended = new SessionNoteAmended(note.Id, section, reason, subjective, objective, treatment, assessment, actor.UserId, actor.Now, FactsOf(note));
        return amended with { Facts = FactsOf(note.Apply(amended)) };
    }

    /// <summary>The structured facts other services are told: pain, techniques, trigger points by region, safety flags.</summary>
    public static NoteFacts FactsOf(SessionNote note)
    {
        ArgumentNullException.ThrowIfNull(note);
        var points = note.Objective?.TriggerPoints ?? [];
        return new NoteFacts(
            note.AppointmentId, note.ClientId, note.LocationId, note.TherapistId, note.SessionDate,
            note.Subjective?.PainBefore ?? 0,
            note.AssessmentAndPlan?.PainAfter ?? 0,
            note.Treatment?.Techniques ?? [],
            points.GroupBy(point => point.Region, StringComparer.Ordinal).OrderBy(group => group.Key, StringComparer.Ordinal)
                .ToDictionary(group => group.Key, group => group.Count(), StringComparer.Ordinal),
            note.Treatment?.SafetyFlags ?? 0);
    }

    private static Treatment DecideTreatment(SessionNote note, TreatmentRequest request, int discomfortThreshold, string path)
    {
        var techniques = Parse(errors => request.Parse(errors, path));
        return DecideTreatment(note, techniques, discomfortThreshold, path);
    }

    /// <summary>
    /// Flags discomfort above the threshold, and refuses a technique on a region screening says to
    /// avoid unless the therapist gave a reason to override.
    /// </summary>
    private static Treatment DecideTreatment(SessionNote note, IReadOnlyList<Technique> techniques, int discomfortThreshold, string path)
    {
        var avoid = note.Screening.RegionsToAvoid.ToHashSet(StringComparer.Ordinal);
        var errors = new InputErrors();
        var refused = new List<string>();
        for (var i = 0; i < techniques.Count; i++)
        {
            var technique = techniques[i];
            var contraindicated = avoid.Contains(technique.Region);
            if (contraindicated && technique.ContraindicationOverride is null)
            {
                refused.Add($"{path}techniques[{i}]");
            }
            else if (!contraindicated && technique.ContraindicationOverride is not null)
            {
                errors.Add($"{path}techniques[{i}].overrideReason", "Only for a region the client's screening says to avoid.");
            }
        }

        errors.ThrowIfAny();
        if (refused.Count > 0)
        {
            throw new ConflictException(
                    "Local contraindication",
                    "Screening lists the region of a technique as one to avoid. Treat elsewhere, or record why treating it is safe in overrideReason.")
                .With("reason", "local-contraindication")
                .With("techniques", refused)
                .With("regionsToAvoid", note.Screening.RegionsToAvoid);
        }

        return new Treatment(
            [.. techniques.Select(technique => technique with { SafetyFlag = technique.Discomfort > discomfortThreshold })],
            discomfortThreshold);
    }

    private static void EnsureEditable(SessionNote note, string section)
    {
        ArgumentNullException.ThrowIfNull(note);
        if (note.IsSigned)
        {
            throw new ConflictException(
                    "Note signed",
                    $"The note was signed and is locked. To change the {section} section, amend it (POST .../amendments) with a reason.")
                .With("reason", "signed");
        }
    }

    private static T Parse<T>(Func<InputErrors, T> parse)
    {
        var errors = new InputErrors();
        var value = parse(errors);
        errors.ThrowIfAny();
        return value;
    }
}

/// <summary>An addendum as sent: its text.</summary>
public sealed record AddendumRequest(string? Text);

/// <summary>An amendment as sent: the reason, and exactly one section as it should now read.</summary>
public sealed record AmendmentRequest(
    string? Reason,
    SubjectiveRequest? Subjective,
    ObjectiveRequest? Objective,
    TreatmentRequest? Treatment,
    AssessmentAndPlanRequest? Assessment);

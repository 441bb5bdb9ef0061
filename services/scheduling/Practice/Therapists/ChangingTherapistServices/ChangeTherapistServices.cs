namespace NmtPractice.Scheduling.Practice.Therapists.ChangingTherapistServices;

public sealed record TherapistServicesRequest(IReadOnlyList<string>? Services);

/// <summary><c>PUT /api/scheduling/therapists/{id}/services</c> with <c>If-Match</c>: the services the therapist offers, replaced.</summary>
internal static class ChangeTherapistServicesEndpoint
{
    private static readonly RecordRules<Therapist> Rules = Therapist.Rules with { IfMatchRequired = true };

    internal static async Task<Ok<TherapistResponse>> Handle(
        Guid id, TherapistServicesRequest request, RecordWriter writer, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        var services = request.Services ?? [];
        (await new InputErrors().CheckAsync(writer.Session, services, cancellationToken)).ThrowIfAny();
        var changed = await writer.WriteAsync(
            Rules, id, Audited.Update, _ => [new TherapistServicesChanged(id, services.Distinct().ToList(), time.GetUtcNow(), user.Id)], cancellationToken);
        return TypedResults.Ok(TherapistResponse.From(changed.State, changed.Version));
    }
}

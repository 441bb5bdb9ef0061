namespace NmtPractice.Scheduling.Practice.Therapists.RegisteringTherapist;

public sealed record RegisterTherapistRequest(Guid? TherapistId, string? Name, string? UserId, IReadOnlyList<string>? Services);

/// <summary><c>POST /api/scheduling/therapists</c>: a manager registers a therapist and the services they offer (hours follow per location).</summary>
internal static class RegisterTherapistEndpoint
{
    internal static async Task<Created<TherapistResponse>> Handle(
        RegisterTherapistRequest request, RecordWriter writer, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        var services = request.Services ?? [];
        var errors = new InputErrors()
            .Text("name", request.Name, 100)
            .Text("userId", request.UserId, 100, required: false);
        (await errors.CheckAsync(writer.Session, services, cancellationToken)).ThrowIfAny();

        var registered = new TherapistRegistered(request.TherapistId ?? Guid.CreateVersion7(), request.Name!.Trim(), request.UserId, services.Distinct().ToList(), time.GetUtcNow(), user.Id);
        var therapist = await writer.StartAsync(Therapist.Rules, registered.TherapistId, Therapist.Create(registered), [registered], PracticeRoles.Exists("Therapist"), cancellationToken);
        return TypedResults.Created($"{ServiceInfo.RoutePrefix}/therapists/{registered.TherapistId}", TherapistResponse.From(therapist.State, therapist.Version));
    }
}

namespace NmtPractice.Intake.Clients.ChangingClientDetails;

/// <summary>The client's personal details, complete (a PUT replaces them).</summary>
public sealed record ChangeClientDetailsRequest(
    PersonName? Name,
    DateOnly? DateOfBirth,
    ContactDetails? Contact,
    EmergencyContact? EmergencyContact,
    PrimaryCarePhysician? Physician);

/// <summary><c>PUT /api/intake/clients/{id}</c> with <c>If-Match</c>.</summary>
internal static class ChangeClientDetailsEndpoint
{
    internal static async Task<Ok<ClientResponse>> Handle(
        Guid id, ChangeClientDetailsRequest request, RecordWriter writer, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        if (request.Name is null || request.DateOfBirth is null || request.Contact is null)
        {
            throw new RequestValidationException(
                request.Name is null ? "name" : request.DateOfBirth is null ? "dateOfBirth" : "contact",
                "Required: a PUT sends the complete details.");
        }

        var details = new ClientDetails(request.Name, request.DateOfBirth.Value, request.Contact, request.EmergencyContact, request.Physician);
        var changed = await writer.WriteAsync(
            ClientAccess.Details, id, Audited.Update,
            record =>
            {
                var changedDetails = ClientDecisions.ChangeDetails(record, new ChangeClientDetails(details), new Actor(user.Id, time.GetUtcNow()));
                return ClientDecisions.ContactAfter(record, changedDetails) is { } contact ? [changedDetails, contact] : [changedDetails];
            },
            cancellationToken);
        return TypedResults.Ok(ClientResponse.From(changed.State, changed.Version));
    }
}

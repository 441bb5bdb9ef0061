namespace NmtPractice.Intake.Clients.RegisteringClient;

/// <summary>What the front desk sends to register a client.</summary>
public sealed record RegisterClientRequest(
    Guid? ClientId,
    Guid? LocationId,
    PersonName? Name,
    DateOnly? DateOfBirth,
    ContactDetails? Contact,
    EmergencyContact? EmergencyContact,
    PrimaryCarePhysician? Physician,
    SetMessagePreferences? Messages = null);

/// <summary><c>POST /api/intake/clients</c>.</summary>
internal static class RegisterClientEndpoint
{
    internal static async Task<Created<ClientResponse>> Handle(
        RegisterClientRequest request, RecordWriter writer, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        new InputErrors()
            .Require(request.LocationId is not null, "locationId", "Required.")
            .Require(request.Name is not null, "name", "Required.")
            .Require(request.DateOfBirth is not null, "dateOfBirth", "Required.")
            .Require(request.Contact is not null, "contact", "Give an email address or a phone number.")
            .ThrowIfAny();

        user.EnsureCanAccess(request.LocationId!.Value);
        var registered = ClientDecisions.Register(
            new RegisterClient(
                request.ClientId ?? Guid.CreateVersion7(),
                request.LocationId.Value,
                new ClientDetails(request.Name!, request.DateOfBirth!.Value, request.Contact!, request.EmergencyContact, request.Physician)),
            new Actor(user.Id, time.GetUtcNow()));

        var contact = ClientDecisions.ContactAtRegistration(registered, request.Messages);
        var client = await writer.StartAsync(
            ClientAccess.Rules, registered.ClientId, ClientRecord.Create(registered), [registered, contact],
            new ConflictException("Client id already used", "Another client already has this id."), cancellationToken);
        return TypedResults.Created($"{ServiceInfo.RoutePrefix}/clients/{registered.ClientId}", ClientResponse.From(client.State, client.Version));
    }
}

namespace NmtPractice.Intake.Clients.SettingMessagePreferences;

/// <summary>
/// <c>PUT /api/intake/clients/{id}/message-preferences</c> with <c>If-Match</c>: the client agrees to
/// (or no longer wants) messages by email or text, or changes their language; the desk records how the
/// client said so. The contact and preferences go to the notifications service.
/// </summary>
internal static class SetMessagePreferencesEndpoint
{
    internal static async Task<Ok<ClientResponse>> Handle(
        Guid id, SetMessagePreferences request, RecordWriter writer, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        var changed = await writer.WriteAsync(
            ClientAccess.Details, id, Audited.Update,
            record => [ClientDecisions.SetPreferences(record, request, new Actor(user.Id, time.GetUtcNow()), ConsentSources.Staff)],
            cancellationToken);
        return TypedResults.Ok(ClientResponse.From(changed.State, changed.Version));
    }
}

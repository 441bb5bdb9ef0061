namespace NmtPractice.Intake.Clients.SettingMessagePreferences;

/// <summary>
/// <c>PUT /api/intake/clients/{id}/message-preferences</c> with <c>If-Match</c>: the client agrees to
/// (or no longer wants) messages by email or text, or changes their language; the desk records how the
/// client said so. A signed-in client changes their own (recorded as given in the portal). The contact
/// and preferences go to the notifications service.
/// </summary>
internal static class SetMessagePreferencesEndpoint
{
    internal static async Task<Ok<ClientResponse>> Handle(
        Guid id, SetMessagePreferences request, RecordWriter writer, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        // A client changing their own says so themselves: the consent is recorded as given in the portal, whatever the request claims.
        var (command, sources) = user.IsClient ? (request with { How = ConsentSources.Portal }, (IReadOnlyList<string>)[ConsentSources.Portal]) : (request, ConsentSources.Staff);
        var changed = await writer.WriteAsync(
            ClientAccess.Details, id, Audited.Update,
            record => [ClientDecisions.SetPreferences(record, command, new Actor(user.Id, time.GetUtcNow()), sources)],
            cancellationToken);
        return TypedResults.Ok(ClientResponse.From(changed.State, changed.Version));
    }
}

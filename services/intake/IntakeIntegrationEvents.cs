using NmtPractice.ServiceDefaults.Messaging;
using Published = NmtPractice.Contracts.Intake;

namespace NmtPractice.Intake;

/// <summary>
/// What intake publishes: a client's id and display name, screening status with regions and
/// adaptation codes (no diagnosis or free text), clearances, lapsed intakes and merged duplicates.
/// </summary>
internal static class IntakeIntegrationEvents
{
    public static void Map(IntegrationEventMap map) => map
        .Map<ClientRegistered>((registered, committed) => new Published.ClientRegistered(
            registered.ClientId,
            registered.LocationId,
            DisplayName(registered.Name),
            committed.Timestamp))
        .Map<ClientScreened>((screened, committed) => screened.Complete
            ? new Published.ScreeningCompleted(
                screened.ClientId,
                screened.LocationId,
                screened.Outcome.ToString(),
                screened.Findings.SelectMany(f => f.RegionsToAvoid).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
                screened.Findings.SelectMany(f => f.Adaptations).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
                screened.ClearanceValidUntil,
                screened.IntakeValidUntil,
                screened.RuleSetVersion,
                committed.Timestamp)
            : null)
        .Map<PhysicianClearanceGiven>((given, committed) => new Published.PhysicianClearanceRecorded(
            given.ClientId, given.LocationId, given.ClearanceId, given.ExpiresOn, committed.Timestamp))
        .Map<IntakeLapsed>((lapsed, committed) => new Published.IntakeExpired(
            lapsed.ClientId, lapsed.LocationId, lapsed.IntakeVersion, committed.Timestamp))
        .Map<MessagingContactRecorded>((recorded, committed) => new Published.ClientContactChanged(
            recorded.ClientId, recorded.LocationId, recorded.Email, recorded.Phone, recorded.Preferences.Email, recorded.Preferences.Sms,
            recorded.Preferences.Language, recorded.How, committed.Timestamp))
        .Map<ClientMergedIn>((merged, committed) => new Published.ClientsMerged(merged.ClientId, merged.DuplicateId, committed.Timestamp));

    /// <summary>"Dana R.": the preferred or given name and the family initial, all a calendar needs.</summary>
    internal static string DisplayName(PersonName name) =>
        $"{name.Preferred ?? name.Given} {char.ToUpperInvariant(name.Family[0])}.";
}

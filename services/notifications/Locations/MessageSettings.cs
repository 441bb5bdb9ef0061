using NmtPractice.Notifications.Planning;

namespace NmtPractice.Notifications.Locations;

/// <summary>A location's own reminder offsets and quiet hours, where they differ from the chain's (<see cref="SendRules.Default"/>).</summary>
public sealed record MessageSettings(Guid Id, SendRules Rules, DateTimeOffset ChangedAt, string ChangedBy);

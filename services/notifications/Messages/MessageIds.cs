using System.Security.Cryptography;
using System.Text;

namespace NmtPractice.Notifications.Messages;

/// <summary>
/// A planned message's id is derived from what it is for (an RFC 9562 version-8 id from a SHA-256 of
/// its kind, channel and subject), so that the same event delivered twice plans the same message once.
/// </summary>
public static class MessageIds
{
    /// <summary>The id of the <paramref name="kind"/> message on <paramref name="channel"/> about <paramref name="subject"/>.</summary>
    public static Guid For(MessageKind kind, Channel channel, params object[] subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var name = $"nmt-notifications/{kind}/{channel}/{string.Join('/', subject.Select(part => part switch
        {
            DateTimeOffset instant => instant.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture),
            IFormattable formattable => formattable.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
            _ => part.ToString(),
        }))}";
        return Derived(name);
    }

    /// <summary>
    /// The appointment a claim of a waitlist offer books: the same for every message of the one offer
    /// (email and text), so that the time is booked once whichever link the client follows, and again.
    /// </summary>
    public static Guid ClaimedAppointment(Guid waitlistEntryId, DateTimeOffset startsAt) =>
        Derived($"nmt-notifications/claim/{waitlistEntryId:N}/{startsAt.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture)}");

    /// <summary>An RFC 9562 version-8 id from a SHA-256 of <paramref name="name"/>: the same name, the same id.</summary>
    public static Guid Derived(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(name), hash);
        var bytes = hash[..16].ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80); // version 8
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 9562 variant
        return new Guid(bytes, bigEndian: true);
    }
}

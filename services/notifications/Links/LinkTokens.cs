using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace NmtPractice.Notifications.Links;

/// <summary>What a link does: one purpose per link.</summary>
public enum LinkPurpose : byte
{
    /// <summary>Confirm the appointment the message is about.</summary>
    Confirm = 1,

    /// <summary>Cancel it (within the notice).</summary>
    Cancel = 2,

    /// <summary>Take the time a waitlist offer holds for the client (the link expires with the hold).</summary>
    Claim = 3,
}

/// <summary>
/// Links in messages: signed (HMAC-SHA256 with the service's link key), single-purpose, expiring, and
/// carrying nothing but the purpose, the message id and the expiry; never a name, an address or a time.
/// A token is 41 bytes in base64url: purpose, message id, expiry (Unix seconds), and the first 16
/// bytes of the signature of those.
/// </summary>
public sealed class LinkTokens(IOptions<NotificationsOptions> options)
{
    private const int PayloadLength = 1 + 16 + 8;
    private const int MacLength = 16;

    private byte[] Key => Convert.FromBase64String(options.Value.Links.SigningKey);

    /// <summary>The link to <paramref name="purpose"/> the message <paramref name="messageId"/>, valid until <paramref name="expiresAt"/>.</summary>
    public Uri Link(LinkPurpose purpose, Guid messageId, DateTimeOffset expiresAt) =>
        new(options.Value.Links.BaseUrl, $"api/notifications/links/{Token(purpose, messageId, expiresAt)}");

    /// <summary>The token alone.</summary>
    public string Token(LinkPurpose purpose, Guid messageId, DateTimeOffset expiresAt)
    {
        var token = new byte[PayloadLength + MacLength];
        token[0] = (byte)purpose;
        messageId.TryWriteBytes(token.AsSpan(1, 16), bigEndian: true, out _);
        BinaryPrimitives.WriteInt64BigEndian(token.AsSpan(17, 8), expiresAt.ToUnixTimeSeconds());
        HMACSHA256.HashData(Key, token.AsSpan(0, PayloadLength)).AsSpan(0, MacLength).CopyTo(token.AsSpan(PayloadLength));
        return Base64Url.EncodeToString(token);
    }

    /// <summary>What a token says, if it is one of ours and unaltered (expiry is the caller's to check).</summary>
    public bool TryRead(string? token, out LinkPurpose purpose, out Guid messageId, out DateTimeOffset expiresAt)
    {
        purpose = default;
        messageId = default;
        expiresAt = default;
        Span<byte> bytes = stackalloc byte[PayloadLength + MacLength];
        if (token is not { Length: 55 or 56 } || !Base64Url.IsValid(token) || Base64Url.DecodeFromChars(token, bytes) != bytes.Length)
        {
            return false;
        }

        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(Key, bytes[..PayloadLength], mac);
        if (!CryptographicOperations.FixedTimeEquals(mac[..MacLength], bytes[PayloadLength..]) || !Enum.IsDefined((LinkPurpose)bytes[0]))
        {
            return false;
        }

        purpose = (LinkPurpose)bytes[0];
        messageId = new Guid(bytes.Slice(1, 16), bigEndian: true);
        expiresAt = DateTimeOffset.FromUnixTimeSeconds(BinaryPrimitives.ReadInt64BigEndian(bytes.Slice(17, 8)));
        return true;
    }
}

using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace NmtPractice.Notifications.Recipients;

/// <summary>
/// Keeps contact details encrypted at rest: AES-256-GCM with the service's contact key (a random
/// nonce per value, the client id as associated data, so a value copied onto another client does not
/// decrypt), and a keyed hash of a phone number to find the client a text message came from without
/// storing the number in the clear.
/// </summary>
public sealed class ContactProtector
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[] _key;
    private readonly byte[] _lookupKey;
    private readonly byte[] _emailLookupKey;

    public ContactProtector(IOptions<NotificationsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _key = options.Value.ContactKeyBytes();
        _lookupKey = HMACSHA256.HashData(_key, "phone-lookup"u8);
        _emailLookupKey = HMACSHA256.HashData(_key, "email-lookup"u8);
    }

    /// <summary>The value encrypted for <paramref name="clientId"/>, or null for none.</summary>
    public string? Protect(Guid clientId, string? value)
    {
        if (value is null)
        {
            return null;
        }

        var plain = Encoding.UTF8.GetBytes(value);
        var sealedValue = new byte[NonceSize + plain.Length + TagSize];
        var nonce = sealedValue.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plain, sealedValue.AsSpan(NonceSize, plain.Length), sealedValue.AsSpan(NonceSize + plain.Length), clientId.ToByteArray());
        return Convert.ToBase64String(sealedValue);
    }

    /// <summary>The value <see cref="Protect"/> encrypted for the same client.</summary>
    public string? Unprotect(Guid clientId, string? protectedValue)
    {
        if (protectedValue is null)
        {
            return null;
        }

        var sealedValue = Convert.FromBase64String(protectedValue);
        var length = sealedValue.Length - NonceSize - TagSize;
        var plain = new byte[length];
        using var aes = new AesGcm(_key, TagSize);
        aes.Decrypt(sealedValue.AsSpan(0, NonceSize), sealedValue.AsSpan(NonceSize, length), sealedValue.AsSpan(NonceSize + length), plain, clientId.ToByteArray());
        return Encoding.UTF8.GetString(plain);
    }

    /// <summary>The lookup key of an email address (trimmed, case ignored: mail providers treat <c>Ana@X.org</c> and <c>ana@x.org</c> alike).</summary>
    public string? EmailLookup(string? email)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return null;
        }

        return Convert.ToHexString(HMACSHA256.HashData(_emailLookupKey, Encoding.UTF8.GetBytes(email.Trim().ToUpperInvariant())));
    }

    /// <summary>The lookup key of a phone number (its digits only, so "+1 (617) 555-0100" and "+16175550100" match).</summary>
    public string? PhoneLookup(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            return null;
        }

        var digits = new string([.. phone.Where(char.IsAsciiDigit)]);
        return Convert.ToHexString(HMACSHA256.HashData(_lookupKey, Encoding.ASCII.GetBytes(digits)));
    }
}

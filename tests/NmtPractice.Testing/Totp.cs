using System.Globalization;
using System.Security.Cryptography;

namespace NmtPractice.Testing;

/// <summary>Authenticator codes (TOTP, RFC 6238: HMAC-SHA1, 30-second steps, six digits), as a phone's authenticator app computes them.</summary>
public static class Totp
{
    /// <summary>A fresh Base32 key, as the demo seeding and tests use.</summary>
    public static string NewKey() => Base32(RandomNumberGenerator.GetBytes(20));

    /// <summary>The code for <paramref name="base32Key"/> at <paramref name="at"/> (now by default).</summary>
    public static string Code(string base32Key, DateTimeOffset? at = null)
    {
        ArgumentNullException.ThrowIfNull(base32Key);
        var step = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds() / 30;
        var counter = BitConverter.GetBytes(step);
        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(counter);
        }

#pragma warning disable CA5350 // RFC 6238 authenticator codes are HMAC-SHA1, as every authenticator app computes them.
        var hash = HMACSHA1.HashData(FromBase32(base32Key), counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
    }

    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private static string Base32(byte[] bytes)
    {
        var chars = new List<char>();
        for (var bit = 0; bit < bytes.Length * 8; bit += 5)
        {
            var value = 0;
            for (var i = 0; i < 5; i++)
            {
                var at = bit + i;
                value = (value << 1) | (at < bytes.Length * 8 ? (bytes[at / 8] >> (7 - (at % 8))) & 1 : 0);
            }

            chars.Add(Alphabet[value]);
        }

        return new string([.. chars]);
    }

    private static byte[] FromBase32(string key)
    {
        var clean = key.Replace(" ", string.Empty, StringComparison.Ordinal).TrimEnd('=').ToUpperInvariant();
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in clean)
        {
            buffer = (buffer << 5) | Alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)((buffer >> (bits - 8)) & 0xff));
                bits -= 8;
            }
        }

        return [.. bytes];
    }
}

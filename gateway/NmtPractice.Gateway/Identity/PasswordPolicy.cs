using System.Reflection;
using Microsoft.AspNetCore.Identity;

namespace NmtPractice.Gateway.Identity;

/// <summary>
/// Passwords as NIST SP 800-63B asks of a single-factor secret: long (15 characters or more, up to
/// 256, any characters, spaces included), not a commonly used or breached one (a list shipped with the
/// gateway as data), not built from the user's own name or the product's, and not one character or a
/// run repeated. No composition rules (no "a digit and a capital"): they make passwords harder to
/// remember, not to guess.
/// </summary>
internal sealed class PasswordPolicy : IPasswordValidator<NmtUser>
{
    public const int MinimumLength = 15;
    public const int MaximumLength = 256;

    private static readonly Lazy<HashSet<string>> Common = new(LoadCommonPasswords);

    /// <summary>How many passwords the shipped list holds.</summary>
    internal static int CommonPasswordCount => Common.Value.Count;

    public Task<IdentityResult> ValidateAsync(UserManager<NmtUser> manager, NmtUser user, string? password)
    {
        ArgumentNullException.ThrowIfNull(user);
        var problems = Check(user, password ?? string.Empty).ToArray();
        return Task.FromResult(problems.Length == 0 ? IdentityResult.Success : IdentityResult.Failed(problems));
    }

    /// <summary>What is wrong with <paramref name="password"/> for <paramref name="user"/> (nothing when it is fine).</summary>
    internal static IEnumerable<IdentityError> Check(NmtUser user, string password)
    {
        var length = new System.Globalization.StringInfo(password).LengthInTextElements;
        if (length < MinimumLength)
        {
            yield return Error("PasswordTooShort", $"Use at least {MinimumLength} characters: a few unrelated words with spaces make a good one.");
            yield break;
        }

        if (length > MaximumLength)
        {
            yield return Error("PasswordTooLong", $"Use at most {MaximumLength} characters.");
            yield break;
        }

        var folded = password.Trim();
        if (Common.Value.Contains(folded) || Repetitive(folded) || PaddedOrRepeatedCommon(folded))
        {
            yield return Error("PasswordCommon", "This password is too common or too easy to guess (it is on the list of passwords seen in breaches, or one character or run repeated).");
            yield break;
        }

        foreach (var word in ContextWords(user))
        {
            if (folded.Contains(word, StringComparison.OrdinalIgnoreCase))
            {
                yield return Error("PasswordContainsName", "Do not build the password from your name, your user name or the product's name.");
                yield break;
            }
        }
    }

    private static IdentityError Error(string code, string description) => new() { Code = code, Description = description };

    /// <summary>A character or a short run repeated (<c>aaaaaaaaaaaaaaa</c>, <c>abcabcabcabcabc</c>) or a counting run (<c>123456789012345</c>).</summary>
    private static bool Repetitive(string password)
    {
        for (var period = 1; period <= 4; period++)
        {
            if (Enumerable.Range(period, password.Length - period).All(i => password[i] == password[i - period]))
            {
                return true;
            }
        }

        var counting = Enumerable.Range(1, password.Length - 1).Count(i => Math.Abs(password[i] - password[i - 1]) == 1 || (password[i] == '0' && password[i - 1] == '9'));
        return counting >= password.Length - 2;
    }

    /// <summary>
    /// A listed password lengthened the usual ways: digits or symbols around it (<c>password12345678</c>,
    /// <c>!!qwerty2024!!!!</c>) or itself repeated (<c>iloveyouiloveyou</c>). The list is mostly short
    /// passwords; this is what makes it bite at fifteen characters.
    /// </summary>
    private static bool PaddedOrRepeatedCommon(string password)
    {
        var core = password.ToLowerInvariant().Replace(" ", string.Empty, StringComparison.Ordinal)
            .Trim("0123456789!@#$%^&*()_+-=.,?~'\"/\\[]{}<>|:;`".ToCharArray());
        if (core.Length == 0)
        {
            return false;
        }

        if (Common.Value.Contains(core))
        {
            return true;
        }

        for (var period = 3; period <= core.Length / 2; period++)
        {
            if (core.Length % period == 0 && Common.Value.Contains(core[..period])
                && Enumerable.Range(1, (core.Length / period) - 1).All(i => core.AsSpan(i * period, period).SequenceEqual(core.AsSpan(0, period))))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The user's names (each word of four or more letters), their user name and mailbox, and the product's name.</summary>
    private static IEnumerable<string> ContextWords(NmtUser user) =>
        new[] { user.UserName, user.Email?.Split('@')[0] }
            .Concat(user.DisplayName.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Append("nmtpractice")
            .Where(word => word is { Length: >= 4 })
            .Select(word => word!);

    private static HashSet<string> LoadCommonPasswords()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("NmtPractice.Gateway.Identity.common-passwords.txt")
            ?? throw new InvalidOperationException("The common-password list is missing from the gateway's build.");
        using var reader = new StreamReader(stream);
        var passwords = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
        {
            if (line.Trim() is { Length: > 0 } password)
            {
                passwords.Add(password);
            }
        }

        return passwords;
    }
}

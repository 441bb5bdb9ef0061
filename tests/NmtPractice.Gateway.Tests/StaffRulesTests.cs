using NmtPractice.Contracts.Security;
using NmtPractice.Gateway.Identity;
using NmtPractice.Gateway.Staff;
using NmtPractice.ServiceDefaults.Http;

namespace NmtPractice.Gateway.Tests;

/// <summary>The password policy (NIST SP 800-63B) and who administers whom, as pure rules.</summary>
public sealed class StaffRulesTests
{
    private static readonly Guid BackBay = Guid.NewGuid();
    private static readonly Guid Cambridge = Guid.NewGuid();

    private static readonly NmtUser Ines = new() { Id = "ines", UserName = "ines.moreau@example.org", Email = "ines.moreau@example.org", DisplayName = "Ines Moreau" };

    [Theory]
    [InlineData("lantern orchard velvet compass", null)]
    [InlineData("correct horse battery staple", null)]
    [InlineData("ÜberLange Passphrase mit Umlauten", null)]
    [InlineData("fourteen chars", "PasswordTooShort")]
    [InlineData("", "PasswordTooShort")]
    [InlineData("aaaaaaaaaaaaaaaaaaaa", "PasswordCommon")]
    [InlineData("abcabcabcabcabcabc", "PasswordCommon")]
    [InlineData("123456789012345678", "PasswordCommon")]
    [InlineData("abcdefghijklmnopq", "PasswordCommon")]
    [InlineData("ines is my name and that is that", "PasswordContainsName")]
    [InlineData("the MOREAU family summer house", "PasswordContainsName")]
    [InlineData("my nmtpractice password here", "PasswordContainsName")]
    public void A_password_is_long_uncommon_and_not_built_from_the_users_name(string password, string? refusal)
    {
        var problems = PasswordPolicy.Check(Ines, password).Select(problem => problem.Code).ToList();

        if (refusal is null)
        {
            Assert.Empty(problems);
        }
        else
        {
            Assert.Equal([refusal], problems);
        }
    }

    [Fact]
    public void Long_passwords_from_the_breached_list_are_refused_whatever_their_case()
    {
        Assert.True(PasswordPolicy.CommonPasswordCount >= 10_000, $"the list holds {PasswordPolicy.CommonPasswordCount}");

        // On the list as it stands, and listed passwords lengthened the usual ways (padding, repetition).
        foreach (var candidate in new[] { "films+pic+galeries", "FILMS+PIC+GALERIES", "password12345678", "!!qwerty2024!!!!", "iloveyouiloveyou", "Dragon Dragon Dragon" })
        {
            Assert.True(
                PasswordPolicy.Check(new NmtUser { DisplayName = "X" }, candidate).Any(problem => problem.Code == "PasswordCommon"),
                $"'{candidate}' should be refused as common");
        }

        // A listed word inside a longer passphrase is fine: the whole is what is guessed.
        Assert.Empty(PasswordPolicy.Check(new NmtUser { DisplayName = "X" }, "dragon lantern orchard velvet"));
        Assert.Equal(["PasswordTooLong"], PasswordPolicy.Check(Ines, new string('x', 100) + string.Join(' ', Enumerable.Range(0, 60).Select(i => $"w{i}"))).Select(problem => problem.Code));
    }

    [Fact]
    public void A_manager_gives_roles_only_at_her_locations_and_keeps_the_others_untouched()
    {
        var manager = new StaffAccess([new LocationRole(BackBay, NmtRoles.ClinicManager), new LocationRole(Cambridge, NmtRoles.Therapist)], actorIsAdmin: false, "priya");
        var theo = new NmtUser
        {
            Id = "theo",
            LocationRoles = [new LocationRole(BackBay, NmtRoles.FrontDesk).ToString(), new LocationRole(Cambridge, NmtRoles.Therapist).ToString()],
        };

        var (grants, chain) = manager.Resolve(theo, [new LocationRole(BackBay, NmtRoles.Therapist)], []);

        Assert.Equal([new LocationRole(Cambridge, NmtRoles.Therapist), new LocationRole(BackBay, NmtRoles.Therapist)], grants);
        Assert.Empty(chain);
        Assert.Equal(Cambridge, Assert.Throws<ForbiddenException>(() => manager.Resolve(theo, [new LocationRole(Cambridge, NmtRoles.ClinicManager)], [])).LocationId);
        Assert.Throws<ForbiddenException>(() => manager.Resolve(theo, [], [NmtRoles.OperationsAdmin]));

        // Seen (a role at Back Bay), but not administered as a whole (a role at Cambridge too).
        Assert.True(manager.MaySee(theo));
        Assert.False(manager.MayAdminister(theo));
        var backBayOnly = new NmtUser { Id = "dana", LocationRoles = [new LocationRole(BackBay, NmtRoles.FrontDesk).ToString()] };
        Assert.True(manager.MayAdminister(backBayOnly));
        var elsewhere = new NmtUser { Id = "leo", LocationRoles = [new LocationRole(Cambridge, NmtRoles.FrontDesk).ToString()] };
        Assert.False(manager.MaySee(elsewhere));
        var admin = new NmtUser { Id = "morgan", Roles = [NmtRoles.OperationsAdmin], LocationRoles = [new LocationRole(BackBay, NmtRoles.FrontDesk).ToString()] };
        Assert.False(manager.MayAdminister(admin));
    }

    [Fact]
    public void An_operations_admin_administers_everyone_and_sets_roles_whole_but_never_her_own()
    {
        var admin = new StaffAccess([], actorIsAdmin: true, "morgan");
        var theo = new NmtUser { Id = "theo", LocationRoles = [new LocationRole(Cambridge, NmtRoles.Therapist).ToString()] };

        var (grants, chain) = admin.Resolve(theo, [new LocationRole(BackBay, NmtRoles.FrontDesk)], [NmtRoles.OperationsAdmin]);

        Assert.Equal([new LocationRole(BackBay, NmtRoles.FrontDesk)], grants);
        Assert.Equal([NmtRoles.OperationsAdmin], chain);
        Assert.True(admin.MayAdminister(theo));
        Assert.Throws<ConflictException>(() => admin.EnsureNotSelf(new NmtUser { Id = "morgan" }, "deactivate"));
        admin.EnsureNotSelf(theo, "deactivate");
    }
}

using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using NmtPractice.Contracts.Security;

namespace NmtPractice.Gateway.Identity;

/// <summary>A person who signs in: staff of the clinic chain.</summary>
public sealed class NmtUser : IdentityUser
{
    /// <summary>The name shown in the UI and the audit log.</summary>
    public string DisplayName { get; set; } = string.Empty;

    /// <summary>The user's chain-wide roles (operations admin, see <c>NmtRoles.ChainWide</c>).</summary>
    public List<string> Roles { get; set; } = [];

    /// <summary>The roles the user holds at each location, as <c>{locationId}:{role}</c> (see <see cref="LocationRole"/>).</summary>
    public List<string> LocationRoles { get; set; } = [];

    /// <summary>A deactivated user cannot sign in, refresh tokens or call the API.</summary>
    public bool IsActive { get; set; } = true;

    /// <summary>Tokens issued before this are refused at the gateway (deactivation, a forced password reset).</summary>
    public DateTimeOffset? SessionsRevokedAt { get; set; }

    /// <summary>When the user was invited (null for accounts created otherwise, such as the demo staff).</summary>
    public DateTimeOffset? InvitedAt { get; set; }

    /// <summary>Who invited the user (a user id).</summary>
    public string? InvitedBy { get; set; }

    /// <summary>The roles held at locations, parsed.</summary>
    public IReadOnlyList<LocationRole> Grants =>
        [.. LocationRoles.Select(value => LocationRole.TryParse(value, out var grant) ? grant : (LocationRole?)null).OfType<LocationRole>()];

    /// <summary>The locations the user holds any role at.</summary>
    public IReadOnlyList<Guid> Locations => [.. Grants.Select(grant => grant.LocationId).Distinct()];
}

/// <summary>
/// The gateway's own database (schema <c>identity</c>): users with hashed passwords (ASP.NET Core
/// Identity) and OpenIddict's applications, authorizations and tokens. The gateway is not event
/// sourced: this is an identity store, kept with EF Core as the identity libraries expect.
/// </summary>
public sealed class IdentityStore(DbContextOptions<IdentityStore> options) : IdentityDbContext<NmtUser>(options)
{
    public const string Schema = "identity";

    protected override void OnModelCreating(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        base.OnModelCreating(builder);
        builder.HasDefaultSchema(Schema);
        builder.UseOpenIddict();
        builder.Entity<NmtUser>(user =>
        {
            user.Property(u => u.DisplayName).HasMaxLength(200);
            user.Property(u => u.Roles);
            user.Property(u => u.LocationRoles);
            user.Property(u => u.InvitedBy).HasMaxLength(64);
            user.Ignore(u => u.Grants);
            user.Ignore(u => u.Locations);
        });
    }
}

/// <summary>Lets <c>dotnet ef migrations</c> build the model without starting the gateway.</summary>
internal sealed class IdentityStoreDesignTimeFactory : IDesignTimeDbContextFactory<IdentityStore>
{
    public IdentityStore CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<IdentityStore>()
            .UseNpgsql("Host=localhost;Database=design_time_only")
            .UseOpenIddict()
            .Options);
}

using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace NmtPractice.Gateway.Identity;

/// <summary>A person who signs in: staff of the clinic chain.</summary>
public sealed class NmtUser : IdentityUser
{
    /// <summary>The name shown in the UI and the audit log.</summary>
    public string DisplayName { get; set; } = string.Empty;

    /// <summary>The user's roles (see <c>NmtRoles</c>).</summary>
    public List<string> Roles { get; set; } = [];

    /// <summary>The locations the user works at (operations admins need none).</summary>
    public List<Guid> Locations { get; set; } = [];

    /// <summary>A disabled user cannot sign in or refresh tokens.</summary>
    public bool IsActive { get; set; } = true;
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
            user.Property(u => u.Locations);
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

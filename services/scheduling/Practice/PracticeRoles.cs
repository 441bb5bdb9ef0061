using Marten;
using NmtPractice.ServiceDefaults.Http;

namespace NmtPractice.Scheduling.Practice;

/// <summary>Who reads and who manages the practice structure, and shared helpers.</summary>
internal static class PracticeRoles
{
    public static NotFoundException NotFound(string what) => new($"{what} not found", $"No {what.ToLowerInvariant()} has this id.");

    /// <summary>Commits a new stream, turning an id or unique-code collision into a 409.</summary>
    public static async Task SaveNewAsync(IDocumentSession session, string what, CancellationToken cancellationToken)
    {
        try
        {
            await session.SaveChangesAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is JasperFx.ConcurrencyException or JasperFx.DocumentAlreadyExistsException
            || Postgres.Find(ex) is { SqlState: "23505" })
        {
            throw new ConflictException($"{what} exists", $"A {what.ToLowerInvariant()} with this id or code already exists.");
        }
    }
}

/// <summary>Finding the PostgreSQL error inside whatever wraps it.</summary>
internal static class Postgres
{
    public static Npgsql.PostgresException? Find(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is Npgsql.PostgresException postgres)
            {
                return postgres;
            }
        }

        return null;
    }
}

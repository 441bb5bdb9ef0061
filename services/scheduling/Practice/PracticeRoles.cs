using Marten;
using NmtPractice.ServiceDefaults.Http;
using NmtPractice.ServiceDefaults.Writing;

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
        catch (Exception ex) when (StoreErrors.IsCollision(ex))
        {
            throw new ConflictException($"{what} exists", $"A {what.ToLowerInvariant()} with this id or code already exists.");
        }
    }
}

namespace NmtPractice.Scheduling.Practice;

/// <summary>Who reads and who manages the practice structure, and shared helpers.</summary>
internal static class PracticeRoles
{
    public static NotFoundException NotFound(string what) => new($"{what} not found", $"No {what.ToLowerInvariant()} has this id.");

    /// <summary>The 409 when what is created exists already (its id, or its unique code).</summary>
    public static ConflictException Exists(string what) => new($"{what} exists", $"A {what.ToLowerInvariant()} with this id or code already exists.");
}

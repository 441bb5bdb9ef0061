using System.Diagnostics.CodeAnalysis;

namespace NmtPractice.OutcomeReporting.Dashboards;

/// <summary>A read model row that belongs to a location and a (local) day: what the dashboards filter on.</summary>
public interface ILocatedDay
{
    [SuppressMessage("Naming", "CA1716:Identifiers should not match keywords", Justification = "The read models' own property name; no Visual Basic consumers.")]
    DateOnly Date { get; }

    Guid LocationId { get; }
}

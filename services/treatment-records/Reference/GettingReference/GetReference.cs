using NmtPractice.Contracts.Anatomy;

namespace NmtPractice.TreatmentRecords.Reference.GettingReference;

/// <summary>The technique kinds and the pressure levels.</summary>
public sealed record TechniqueCatalogue(IReadOnlyList<TechniqueKind> Kinds, IReadOnlyList<string> Pressures);

/// <summary><c>GET /api/treatments/muscles</c> and <c>/techniques</c>: what note forms offer.</summary>
internal static class GetReferenceEndpoints
{
    internal static Ok<IReadOnlyList<Muscle>> Muscles() => TypedResults.Ok(Contracts.Anatomy.Muscles.All);

    internal static Ok<TechniqueCatalogue> Techniques() => TypedResults.Ok(new TechniqueCatalogue(TechniqueKinds.All, TechniqueKinds.Pressures));
}

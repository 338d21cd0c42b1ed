namespace ETwinning.Collab.Server.Features.Storage;

/// <summary>One feature as exported from the source and from the target of a copy.</summary>
public sealed record FeatureComparison(FeatureDigest Source, FeatureDigest Target)
{
    public string Feature => Source.Feature;

    public bool Same => Source.SameAs(Target);
}

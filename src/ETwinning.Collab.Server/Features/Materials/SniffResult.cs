namespace ETwinning.Collab.Server.Features.Materials;

/// <summary>Either an allowed type or the reason the content is refused.</summary>
public sealed record SniffResult(DetectedType? Type, string? Refusal)
{
    public static SniffResult Allowed(DetectedType type) => new(type, null);

    public static SniffResult Refused(string reason) => new(null, reason);
}

namespace ETwinning.Collab.Server.Features.Materials;

/// <summary>Either an allowed type or the reason the content is refused (English, and its message catalogue key).</summary>
public sealed record SniffResult(DetectedType? Type, string? Refusal, string? RefusalKey = null)
{
    public static SniffResult Allowed(DetectedType type) => new(type, null);

    public static SniffResult Refused(string reason, string reasonKey) => new(null, reason, reasonKey);
}

namespace ETwinning.Collab.Server.Features.Materials;

/// <summary>An uploaded avatar (collection <c>avatars</c> of the TwinSpace's file); absent means the generated one.</summary>
public sealed record MemberAvatar
{
    /// <summary>The account id.</summary>
    public required string Id { get; init; }
    public required string Sha256 { get; init; }
    public DateTime UpdatedAt { get; init; }
}

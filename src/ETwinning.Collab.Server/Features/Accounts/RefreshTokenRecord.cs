namespace ETwinning.Collab.Server.Features.Accounts;

/// <summary>A refresh token, stored only as its hash. <see cref="Family"/> ties a rotation chain together.</summary>
public sealed record RefreshTokenRecord
{
    /// <summary>SHA-256 of the token.</summary>
    public required string Id { get; init; }
    public required string AccountId { get; init; }
    public required string Family { get; init; }
    public required DateTime ExpiresAt { get; init; }
    public bool Spent { get; init; }
}

namespace ETwinning.Collab.Server.Features.Accounts;

/// <summary>
/// A pupil login, made by a teacher for exactly one TwinSpace. Least data on purpose: a nickname, no e-mail,
/// no surname, no photo.
/// </summary>
public sealed record PupilAccount
{
    public required string Id { get; init; }
    public required string TwinSpaceId { get; init; }
    /// <summary>Unique within the TwinSpace, lower case.</summary>
    public required string Username { get; init; }
    /// <summary><c>twinSpaceId/username</c>: the unique index that makes usernames unique per TwinSpace.</summary>
    public required string ScopedUsername { get; init; }
    public required string Nickname { get; init; }
    public required string PasswordHash { get; init; }
    public required string CreatedBy { get; init; }
    public int FailedLogins { get; init; }
    public DateTime? LockedUntil { get; init; }
    public DateTime CreatedAt { get; init; }

    public static string Scope(string twinSpaceId, string username) => $"{twinSpaceId}/{username}";
}

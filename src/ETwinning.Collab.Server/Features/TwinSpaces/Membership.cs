using ETwinning.Collab.Client.Protocol;

namespace ETwinning.Collab.Server.Features.TwinSpaces;

/// <summary>An account's role in one TwinSpace. The display name is copied here so member lists need one query.</summary>
public sealed record Membership
{
    /// <summary><c>twinSpaceId:accountId</c>.</summary>
    public required string Id { get; init; }
    public required string TwinSpaceId { get; init; }
    public required string AccountId { get; init; }
    public required TwinSpaceRole Role { get; init; }
    public required AccountKind Kind { get; init; }
    public required string DisplayName { get; init; }
    public string? Country { get; init; }
    /// <summary>Founders' roles cannot be changed and founders cannot be removed.</summary>
    public bool IsFounder { get; init; }
    public DateTime JoinedAt { get; init; }
    /// <summary>The pupil teams this member is in (kept in step with <see cref="Teams.PupilTeam.MemberIds"/>).</summary>
    public List<string> TeamIds { get; init; } = [];

    public static string KeyOf(string twinSpaceId, string accountId) => $"{twinSpaceId}:{accountId}";
}

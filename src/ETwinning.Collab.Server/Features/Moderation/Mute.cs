using ETwinning.Collab.Client.Protocol;

namespace ETwinning.Collab.Server.Features.Moderation;

/// <summary>A member who may not post in one scope (e.g. <c>chat:&lt;channelId&gt;</c>) until <see cref="Until"/>.</summary>
public sealed record Mute
{
    /// <summary><c>scope|accountId</c>: one mute per member and scope; a new one replaces the old.</summary>
    public required string Id { get; init; }
    public required string Scope { get; init; }
    public required string AccountId { get; init; }
    public required DateTime Until { get; init; }
    public required string Reason { get; init; }
    public required string MutedBy { get; init; }

    public static string KeyOf(string scope, string accountId) => $"{scope}|{accountId}";

    public MuteView View() => new(Scope, AccountId, Until, Reason, MutedBy);
}

namespace ETwinning.Collab.Client.Protocol;

/// <summary>
/// How a teacher splits a live session into breakout groups: either <see cref="GroupCount"/> groups drawn at random
/// from the participants who are not teachers, or the <see cref="Groups"/> the teacher chose (exactly one of the two).
/// With <see cref="Minutes"/> everyone is called back by itself when the time is up.
/// </summary>
public sealed record OpenBreakoutsRequest(int? GroupCount, IReadOnlyList<BreakoutGroupRequest>? Groups, int? Minutes);

/// <summary>One chosen group: its name (default "Group n") and the participants in it.</summary>
public sealed record BreakoutGroupRequest(string? Name, IReadOnlyList<string> AccountIds);

/// <summary>The open breakout groups of a session. A participant in no group is in the main session.</summary>
public sealed record BreakoutsView(string Id, DateTime OpenedAt, DateTime? EndsAt, IReadOnlyList<BreakoutGroupView> Groups);

/// <summary>One breakout group and the participants in it (teachers visiting it included).</summary>
public sealed record BreakoutGroupView(string Id, string Name, IReadOnlyList<string> AccountIds);

/// <summary>A teacher's message to every breakout group (and the main session) at once.</summary>
public sealed record RoomBreakoutMessageEvent(string TwinSpaceId, string RoomId, string SessionId, string FromAccountId, string FromDisplayName, string Text, DateTime SentAt);

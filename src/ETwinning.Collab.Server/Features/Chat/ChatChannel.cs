using ETwinning.Collab.Client.Protocol;

namespace ETwinning.Collab.Server.Features.Chat;

/// <summary>
/// A chat channel in a TwinSpace's file. General and teachers' channels take their members from the TwinSpace's
/// roles; breakout, direct and room channels list theirs in <see cref="MemberIds"/>. <see cref="LastSequence"/> is
/// the sequence of the newest message; the file has it as of the chat log's last flush and the store adds the
/// newer ones it knows (<see cref="LiteDbChatLogIndex"/>).
/// </summary>
public sealed record ChatChannel
{
    public const string GeneralId = "general";
    public const string TeachersId = "teachers";

    public required string Id { get; init; }
    public required ChatChannelKind Kind { get; init; }
    public required string Title { get; init; }
    public List<string> MemberIds { get; init; } = [];
    public required string CreatedBy { get; init; }
    public required DateTime CreatedAt { get; init; }
    public long LastSequence { get; init; }
}

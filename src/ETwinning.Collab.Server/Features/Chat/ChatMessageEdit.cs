namespace ETwinning.Collab.Server.Features.Chat;

/// <summary>A text a message had before an edit replaced it.</summary>
public sealed record ChatMessageEdit
{
    public required string Text { get; init; }
    public required DateTime ReplacedAt { get; init; }
}

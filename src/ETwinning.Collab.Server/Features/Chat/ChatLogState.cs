namespace ETwinning.Collab.Server.Features.Chat;

/// <summary>How far the blocks in the file reach.</summary>
internal sealed class ChatLogState
{
    public const string SingletonId = "log";
    public string Id { get; set; } = SingletonId;
    public long FlushedThrough { get; set; }
}

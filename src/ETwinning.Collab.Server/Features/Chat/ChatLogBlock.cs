namespace ETwinning.Collab.Server.Features.Chat;

/// <summary>Log positions of <see cref="LiteDbChatLogIndex.BlockSize"/> consecutive sequences of one channel.</summary>
internal sealed class ChatLogBlock
{
    /// <summary><c>channelId|block number</c>; block n holds sequences n*64+1 to n*64+64.</summary>
    public string Id { get; set; } = "";
    public List<long> Positions { get; set; } = [];

    public static string KeyOf(string channelId, long sequence) => $"{channelId}|{(sequence - 1) / LiteDbChatLogIndex.BlockSize:D10}";
}

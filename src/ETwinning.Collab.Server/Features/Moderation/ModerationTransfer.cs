namespace ETwinning.Collab.Server.Features.Moderation;

/// <summary>How moderation records are named in a transfer between providers (<see cref="Infrastructure.Storage.IStoreTransfer"/>).</summary>
public static class ModerationTransfer
{
    public const string Feature = "moderation";
    /// <summary>A TwinSpace's whole word list, as a list of <c>WordFilterRule</c>.</summary>
    public const string WordList = "word_list";
    public const string ReviewItem = "review_item";
    public const string Mute = "mute";
}

namespace ETwinning.Collab.Server.Features.Moderation;

/// <summary>
/// Implemented by each feature whose content can be moderated (chat messages, forum posts): applies a
/// moderator's decision on the review queue to the content itself. Registered in DI; the moderation service
/// picks the one whose <see cref="Kind"/> matches the item.
/// </summary>
public interface IModeratedContent
{
    /// <summary>The content kind, e.g. <c>chat.message</c>.</summary>
    string Kind { get; }

    /// <summary>Publishes held content (or keeps reported content as it is).</summary>
    Task ApproveAsync(string twinSpaceId, ContentRef content, string moderatorId);

    /// <summary>Hides the content with <paramref name="reason"/>.</summary>
    Task RemoveAsync(string twinSpaceId, ContentRef content, string moderatorId, string reason);
}

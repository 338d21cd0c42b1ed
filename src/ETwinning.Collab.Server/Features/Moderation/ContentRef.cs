namespace ETwinning.Collab.Server.Features.Moderation;

/// <summary>
/// Points at moderated content without knowing what it is: a kind owned by a feature (<c>chat.message</c>,
/// <c>forum.post</c>), the container it lives in (channel, thread) and its id there.
/// </summary>
public sealed record ContentRef(string Kind, string ContainerId, string ContentId)
{
    /// <summary>A stable key, used to find the open review item of a piece of content.</summary>
    public string Key => $"{Kind}|{ContainerId}|{ContentId}";
}

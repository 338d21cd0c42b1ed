using ETwinning.Collab.Client.Protocol;

namespace ETwinning.Collab.Server.Realtime;

/// <summary>Events of the Forums feature (see docs/protocol.md, Forums).</summary>
public interface IForumsClient
{
    Task ForumDiscussionCreated(ForumDiscussionEvent created);
    Task ForumThreadCreated(ForumThreadEvent created);
    Task ForumThreadChanged(ForumThreadEvent changed);
    Task ForumPostAdded(ForumPostEvent added);
    Task ForumPostChanged(ForumPostEvent changed);
    Task ForumLikesChanged(ForumLikesEvent likes);
}

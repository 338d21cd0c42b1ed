namespace ETwinning.Collab.Server.Infrastructure.Connections;

/// <summary>What a connection can join: a TwinSpace, or one live resource inside it.</summary>
public enum ScopeKind
{
    TwinSpace,
    Page,
    ChatChannel,
    ForumDiscussion,
    ForumThread,
    LiveEvent,
}

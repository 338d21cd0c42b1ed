namespace ETwinning.Collab.Client.Protocol;

/// <summary>Routes and event names shared by the server and clients.</summary>
public static class HubNames
{
    /// <summary>The one hub route.</summary>
    public const string TwinSpaceHubPath = "/hubs/twinspace";

    /// <summary>Event: <see cref="PresenceEvent"/>.</summary>
    public const string PresenceChanged = nameof(PresenceChanged);

    /// <summary>Event: <see cref="MemberChangedEvent"/>.</summary>
    public const string MemberChanged = nameof(MemberChanged);

    /// <summary>Event: <see cref="TwinSpaceView"/>.</summary>
    public const string TwinSpaceChanged = nameof(TwinSpaceChanged);

    /// <summary>Event: <see cref="PupilTeamChangedEvent"/>.</summary>
    public const string PupilTeamChanged = nameof(PupilTeamChanged);

    /// <summary>Event: <see cref="AccessRevokedEvent"/>.</summary>
    public const string AccessRevoked = nameof(AccessRevoked);

    /// <summary>Event: <see cref="PageTreeEvent"/>.</summary>
    public const string PageTreeChanged = nameof(PageTreeChanged);

    /// <summary>Event: <see cref="PageUpdateEvent"/>.</summary>
    public const string PageUpdated = nameof(PageUpdated);

    /// <summary>Event: <see cref="PageAwarenessEvent"/>.</summary>
    public const string PageAwareness = nameof(PageAwareness);

    /// <summary>Event: <see cref="ForumDiscussionEvent"/>.</summary>
    public const string ForumDiscussionCreated = nameof(ForumDiscussionCreated);

    /// <summary>Event: <see cref="ForumThreadEvent"/> (new thread).</summary>
    public const string ForumThreadCreated = nameof(ForumThreadCreated);

    /// <summary>Event: <see cref="ForumThreadEvent"/> (pinned, locked, activity, deleted).</summary>
    public const string ForumThreadChanged = nameof(ForumThreadChanged);

    /// <summary>Event: <see cref="ForumPostEvent"/> (new post).</summary>
    public const string ForumPostAdded = nameof(ForumPostAdded);

    /// <summary>Event: <see cref="ForumPostEvent"/> (edited, hidden, shown, deleted).</summary>
    public const string ForumPostChanged = nameof(ForumPostChanged);

    /// <summary>Event: <see cref="ForumLikesEvent"/>.</summary>
    public const string ForumLikesChanged = nameof(ForumLikesChanged);
}

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

    /// <summary>Event: <see cref="AccessRevokedEvent"/>.</summary>
    public const string AccessRevoked = nameof(AccessRevoked);

    /// <summary>Event: <see cref="PageTreeEvent"/>.</summary>
    public const string PageTreeChanged = nameof(PageTreeChanged);

    /// <summary>Event: <see cref="PageUpdateEvent"/>.</summary>
    public const string PageUpdated = nameof(PageUpdated);

    /// <summary>Event: <see cref="PageAwarenessEvent"/>.</summary>
    public const string PageAwareness = nameof(PageAwareness);
}

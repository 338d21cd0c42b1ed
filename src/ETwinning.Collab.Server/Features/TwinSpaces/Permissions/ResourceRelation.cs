namespace ETwinning.Collab.Server.Features.TwinSpaces.Permissions;

/// <summary>
/// How a member stands to one resource (a page, a channel, a post, a material), worked out by the feature that holds
/// the resource. <see cref="ResourceRules"/> says which relation, combined with which row of the permission matrix,
/// lets a member act on it.
/// </summary>
[Flags]
public enum ResourceRelation
{
    None = 0,

    /// <summary>Created it: the page's author, the post's or message's author, the material's uploader.</summary>
    Author = 1,

    /// <summary>Assigned to write it: by name, or through a pupil team they are in now.</summary>
    AssignedEditor = 2,

    /// <summary>In the channel: everyone in the general channel, teachers in the teachers' channel, listed members elsewhere.</summary>
    ChannelMember = 4,

    /// <summary>A channel that teachers supervise: every channel but a direct one between two other teachers.</summary>
    SupervisedChannel = 8,

    /// <summary>A member of the room.</summary>
    RoomMember = 16,

    /// <summary>Created the live event or is named its host or co-host.</summary>
    LiveEventHost = 32,

    /// <summary>Holds a seat in the live event (registered, not waitlisted).</summary>
    LiveEventSeat = 64,
}

namespace ETwinning.Collab.Server.Features.TwinSpaces.Permissions;

/// <summary>Everything a member can try to do inside a TwinSpace. Who may is decided in <see cref="PermissionMatrix"/>.</summary>
public enum TwinSpaceAction
{
    // The TwinSpace and its members
    ViewTwinSpace,
    ViewMembers,
    EditTwinSpace,
    InviteMembers,
    ChangeRoles,
    RemoveMembers,
    CreatePupils,
    ManagePupils,
    ArchiveTwinSpace,
    CloseTwinSpace,
    ExportTwinSpace,
    ViewAuditLog,
    ViewBulletin,
    PostBulletin,
    ViewJournal,
    PostJournal,
    /// <summary>Edit or delete any bulletin note or journal entry (authors always may change their own).</summary>
    ManageUpdates,

    // Pages
    ViewPages,
    CreatePages,
    /// <summary>Write page bodies at all; which pages: <see cref="ResourceRule.EditPage"/>.</summary>
    EditPages,
    /// <summary>Manage pages at all; which pages: <see cref="ResourceRule.ManagePage"/>.</summary>
    ManagePages,
    EditAssignedPages,
    EditOwnPages,
    ManageAnyPage,
    ReorderPages,

    // Forums
    ViewForums,
    CreateForumDiscussion,
    CreateForumThread,
    ReplyInForum,
    ModerateForums,

    // Chat
    ReadChat,
    WriteChat,
    CreateBreakoutChannel,
    DirectMessageTeachers,
    ModerateChat,

    // Materials
    ViewMaterials,
    UploadMaterials,
    ManageMaterials,

    // Rooms and live events
    JoinRooms,
    ManageRooms,
    /// <summary>Create rooms, and manage the ones they created (<see cref="ResourceRule.ManageRoom"/>).</summary>
    CreateRooms,
    /// <summary>Start, end and moderate a room's live sessions (<see cref="ResourceRule.JoinRoom"/> says which rooms).</summary>
    HostRoomSessions,
    JoinLiveEvents,
    ManageLiveEvents,
    /// <summary>Be named host or co-host of a live event; which events: <see cref="ResourceRule.HostLiveEvent"/>.</summary>
    HostLiveEvents,
    /// <summary>Supervise pupils in a live event: while one is present, the TwinSpace's pupils are admitted.</summary>
    SuperviseLiveEvents,
    /// <summary>Take part in a live event without a supervising teacher present (pupils wait in the lobby for one).</summary>
    AttendLiveEventsUnsupervised,
}

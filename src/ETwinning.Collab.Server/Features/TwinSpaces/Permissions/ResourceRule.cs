namespace ETwinning.Collab.Server.Features.TwinSpaces.Permissions;

/// <summary>
/// What a member can try to do to one resource, beyond what their role allows in general (<see cref="TwinSpaceAction"/>).
/// Who may is decided in <see cref="ResourceRules"/>; hub methods name the rule next to the action they need
/// (<see cref="RequiresPermissionAttribute"/>).
/// </summary>
public enum ResourceRule
{
    /// <summary>Rename, describe, publish, delete or restore a page, assign its editors and teams, name and restore its versions.</summary>
    ManagePage,

    /// <summary>Write a page's body.</summary>
    EditPage,

    /// <summary>Read a chat channel's messages and follow it live.</summary>
    ReadChannel,

    /// <summary>Send, edit, delete, react and type in a chat channel.</summary>
    WriteInChannel,

    /// <summary>Change a forum post's text and attachments.</summary>
    EditForumPost,

    /// <summary>Delete a forum post.</summary>
    DeleteForumPost,

    /// <summary>Rename, describe, move or delete a material, or an album or folder.</summary>
    ChangeMaterial,

    /// <summary>Rename, archive a room, add and remove its members.</summary>
    ManageRoom,

    /// <summary>Open a room and take part in (or, with the host action, run) its live sessions.</summary>
    JoinRoom,
    /// <summary>Start, end and moderate a live event: polls, quizzes, questions, hands, presenters, reports.</summary>
    HostLiveEvent,

    /// <summary>Enter a live event and take part (vote, answer, ask, raise a hand).</summary>
    AttendLiveEvent,
}

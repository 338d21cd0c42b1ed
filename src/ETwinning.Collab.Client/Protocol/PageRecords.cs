namespace ETwinning.Collab.Client.Protocol;

/// <summary>Who may read a page: members only (the default, working pages) or anyone (the project's showcase).</summary>
public enum PageVisibility
{
    /// <summary>Only members of the TwinSpace.</summary>
    Members,
    /// <summary>Anyone on the internet, once published.</summary>
    Public,
}

/// <summary>What happened to a page in a <see cref="PageTreeEvent"/>.</summary>
public enum PageChange
{
    /// <summary>A new page.</summary>
    Created,
    /// <summary>Title, description, state, visibility or editors changed.</summary>
    Updated,
    /// <summary>New parent or position.</summary>
    Moved,
    /// <summary>Soft-deleted (can be restored).</summary>
    Deleted,
    /// <summary>Brought back from the deleted pages.</summary>
    Restored,
}

/// <summary>One page of a TwinSpace's page tree (its body is a live Yjs document, see <c>JoinPage</c>).</summary>
public sealed record PageView(
    string Id, string TwinSpaceId, string? ParentId, int Position, string Title, string Description,
    bool IsPublished, PageVisibility Visibility, string CreatedBy, IReadOnlyList<string> EditorIds,
    bool IsDeleted, bool CanEdit, DateTime CreatedAt, DateTime UpdatedAt, IReadOnlyList<string> EditorTeamIds);

/// <summary>Creates a page (a draft, members-only) at the end of its parent's children (null parent: top level).</summary>
public sealed record CreatePageRequest(string Title, string? Description = null, string? ParentId = null);

/// <summary>Renames a page and sets its header description.</summary>
public sealed record UpdatePageRequest(string Title, string? Description);

/// <summary>Moves a page under <see cref="ParentId"/> (null: top level) at index <see cref="Position"/> among its siblings.</summary>
public sealed record MovePageRequest(string? ParentId, int Position);

/// <summary>Publishes or un-publishes a page (drafts) and sets who may read it.</summary>
public sealed record SetPageStateRequest(bool IsPublished, PageVisibility Visibility);

/// <summary>The result of <c>JoinPage</c>: what the client lacks, the server's state vector (so the client can send
/// what the server lacks), the last sequence number of the page's update stream, whether the caller may edit,
/// and the current awareness states.</summary>
public sealed record PageJoinResult(string PageId, byte[] Update, byte[] StateVector, long Sequence, bool CanEdit, byte[] Awareness);

/// <summary>The acknowledgement of an update: it is durable and has this sequence number.</summary>
public sealed record PageUpdateAck(long Sequence);

/// <summary>Updates with a sequence number above <c>since</c>. <see cref="Complete"/> is false when older updates
/// were compacted away: the client must re-sync with its state vector (<c>JoinPage</c>).</summary>
public sealed record PageUpdatesResult(IReadOnlyList<PageUpdateEvent> Updates, bool Complete);

/// <summary>A saved version of a page body.</summary>
public sealed record PageVersionView(string Id, string PageId, string? Name, bool IsAutomatic, string? CreatedBy, DateTime CreatedAt);

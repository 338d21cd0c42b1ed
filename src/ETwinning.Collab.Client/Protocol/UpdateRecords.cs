namespace ETwinning.Collab.Client.Protocol;

/// <summary>The two feeds of short updates a TwinSpace has (docs/protocol.md, "Bulletin and journal").</summary>
public enum UpdateKind
{
    /// <summary>The Teacher bulletin: teacher administrators and teachers only.</summary>
    Bulletin,
    /// <summary>The Project journal: every member reads it; teachers and pupil administrators write it.</summary>
    Journal,
}

/// <summary>What happened to an update, in <see cref="UpdateChangedEvent"/>.</summary>
public enum UpdateChange
{
    /// <summary>A new entry.</summary>
    Posted,
    /// <summary>Its title or text changed.</summary>
    Edited,
    /// <summary>Removed (the item has <c>isDeleted</c> true and no title or text).</summary>
    Deleted,
}

/// <summary>One bulletin note or journal entry. <see cref="Sequence"/> numbers the entries of one feed from 1, gap-free.</summary>
public sealed record UpdateView(
    string Id, string TwinSpaceId, UpdateKind Kind, long Sequence, string AuthorId, string AuthorName,
    string Title, string Text, DateTime CreatedAt, DateTime? EditedAt, bool IsDeleted);

/// <summary>Entries newest first; <see cref="HasMore"/> when older ones exist.</summary>
public sealed record UpdatePage(IReadOnlyList<UpdateView> Items, bool HasMore);

/// <summary>Paging of a feed: entries with a sequence below <see cref="BeforeSequence"/> (all when null).</summary>
public sealed record ListUpdatesRequest(long? BeforeSequence, int? Limit);

/// <summary>A new entry. <see cref="ClientId"/> makes retries safe: the same author and id return the stored entry.</summary>
public sealed record PostUpdateRequest(string? ClientId, string? Title, string? Text);

/// <summary>New title and text of an entry.</summary>
public sealed record EditUpdateRequest(string? Title, string? Text);

/// <summary>Sent as <c>BulletinPostChanged</c> (to teachers) or <c>JournalEntryChanged</c> (to the TwinSpace).</summary>
public sealed record UpdateChangedEvent(string TwinSpaceId, UpdateChange Change, UpdateView Item);

namespace ETwinning.Collab.Server.Features.Pages;

/// <summary>
/// One accepted update in a TwinSpace file's page log (LiteDB), keyed by its position in the file's log: see
/// <see cref="LiteDbPageLog"/> for why by position and not by page.
/// </summary>
internal sealed record PageLogEntry
{
    /// <summary>The position: 1, 2, 3, ... in the order the file's writer stored the entries, across all pages.</summary>
    public long Id { get; init; }
    public required string PageId { get; init; }
    public long Sequence { get; init; }
    public required byte[] Update { get; init; }
    public DateTime CreatedAt { get; init; }

    public PageUpdateRecord ToRecord() => new()
    {
        Id = PageUpdateRecord.KeyOf(PageId, Sequence), PageId = PageId, Sequence = Sequence, Update = Update, CreatedAt = CreatedAt,
    };
}

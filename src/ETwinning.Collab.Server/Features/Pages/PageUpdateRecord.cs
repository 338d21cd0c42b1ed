namespace ETwinning.Collab.Server.Features.Pages;

/// <summary>
/// One accepted Yjs update in a page's append-only log, as the stores hand it out and transfers carry it (LiteDB files
/// of the first layout also stored it so, in <c>page_updates</c>; they now store <see cref="PageLogEntry"/>).
/// </summary>
public sealed record PageUpdateRecord
{
    /// <summary><c>pageId:sequence</c> (sequence zero-padded so ids sort in stream order).</summary>
    public required string Id { get; init; }
    public required string PageId { get; init; }
    public long Sequence { get; init; }
    public required byte[] Update { get; init; }
    public DateTime CreatedAt { get; init; }

    public static string KeyOf(string pageId, long sequence) => $"{pageId}:{sequence:D19}";
}

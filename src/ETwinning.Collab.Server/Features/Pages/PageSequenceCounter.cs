namespace ETwinning.Collab.Server.Features.Pages;

/// <summary>
/// A page's last sequence as files of the first page-log layout kept it (<c>page_sequences</c>, one document per page
/// rewritten on every append). Read once when <see cref="LiteDbPageLog"/> is built for such a file; never written now.
/// </summary>
internal sealed record PageSequenceCounter
{
    /// <summary>The page id.</summary>
    public required string Id { get; init; }
    public long LastSequence { get; init; }
}

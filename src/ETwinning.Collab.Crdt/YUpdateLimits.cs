namespace ETwinning.Collab.Crdt;

/// <summary>
/// Limits a document checks before it applies an update from someone it does not trust (a server
/// receiving browser updates). Without them an update is applied whatever it costs, as yjs does.
/// </summary>
public sealed record YUpdateLimits
{
    /// <summary>
    /// Most conflict-resolution steps the update may cause: for every new item, the items between its
    /// origin and right origin that the YATA rules may have to walk (items inserted concurrently at the
    /// same place), plus the items of the same update that share its origin. Normal editing costs
    /// almost nothing here (a keystroke walks the few items typed concurrently at the same spot); a
    /// crafted update of thousands of items at one position from rising client ids costs the square of
    /// that, and would make every later update there cost more.
    /// </summary>
    public long MaxConflictSteps { get; init; } = long.MaxValue;

    /// <summary>
    /// Refuse an update that needs history the document does not have (a gap: structs after a missing
    /// clock, references to unknown items, deletions of unknown clocks) instead of keeping it pending.
    /// A server holds everything it acknowledged, so such an update means the sender is out of sync
    /// and should re-sync; keeping it pending would let pending structs grow without bound.
    /// </summary>
    public bool RefuseMissingDependencies { get; init; }
}

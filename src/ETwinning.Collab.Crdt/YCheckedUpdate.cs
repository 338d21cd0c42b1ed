using ETwinning.Collab.Crdt.Core;

namespace ETwinning.Collab.Crdt;

/// <summary>
/// An update parsed once and checked against one document's limits (<see cref="YDoc.Check"/>), ready to
/// be applied to that document with <see cref="YDoc.ApplyUpdate(YCheckedUpdate, object?)"/>. It can be
/// applied once: applying links its parsed items into the document.
/// </summary>
public sealed class YCheckedUpdate
{
    internal YCheckedUpdate(YDoc doc, DecodedUpdate decoded, long conflictSteps)
    {
        Doc = doc;
        Decoded = decoded;
        ConflictSteps = conflictSteps;
    }

    internal YDoc Doc { get; }

    internal DecodedUpdate Decoded { get; }

    internal bool Applied { get; set; }

    /// <summary>True when this update was checked against <paramref name="doc"/> (and so can be applied to it).</summary>
    public bool BelongsTo(YDoc doc) => Doc == doc && !Applied;

    /// <summary>The conflict-resolution steps the check estimated (see <see cref="YUpdateLimits.MaxConflictSteps"/>).</summary>
    public long ConflictSteps { get; }
}

using ETwinning.Collab.Crdt.Core;
using ETwinning.Collab.Crdt.Types;

namespace ETwinning.Collab.Crdt;

/// <summary>
/// A batch of changes to a document. Observers are notified and adjacent items are merged once, when
/// the outermost transaction ends.
/// </summary>
public sealed class Transaction
{
    internal Transaction(YDoc doc, object? origin, bool local)
    {
        Doc = doc;
        Origin = origin;
        Local = local;
    }

    /// <summary>The document being changed.</summary>
    public YDoc Doc { get; }

    /// <summary>Caller-supplied tag describing where the change comes from (e.g. a connection).</summary>
    public object? Origin { get; }

    /// <summary>True for local edits, false for applied remote updates.</summary>
    public bool Local { get; }

    internal DeleteSet DeleteSet { get; } = new();

    /// <summary>Clock of each client before the transaction, for the clients it added structs to.</summary>
    internal Dictionary<ulong, long> BeforeState { get; } = [];

    internal HashSet<YType> Changed { get; } = [];

    /// <summary>Right halves of items split during the transaction: merged back at the end if possible.</summary>
    internal List<StructBase> MergeCandidates { get; } = [];

    internal void RecordBeforeState(ulong client, StructStore store)
    {
        if (!BeforeState.ContainsKey(client)) BeforeState[client] = store.GetState(client);
    }

    internal void MarkChanged(YType type)
    {
        Changed.Add(type);
        // Remote changes can land anywhere: the search marker may no longer be accurate.
        if (!Local) type.ClearMarker();
    }

    /// <summary>True if the transaction inserted or deleted anything.</summary>
    public bool HasChanges => !DeleteSet.IsEmpty || BeforeState.Any(pair => Doc.Store.GetState(pair.Key) != pair.Value);
}

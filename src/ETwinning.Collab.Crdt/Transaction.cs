using ETwinning.Collab.Crdt.Core;
using ETwinning.Collab.Crdt.Types;

namespace ETwinning.Collab.Crdt;

/// <summary>
/// A batch of changes to a document. Observers are notified and adjacent items are merged once, when
/// the outermost transaction ends.
/// </summary>
public sealed class Transaction
{
    private TransactionScratch? _scratch;
    private bool? _sealedHasChanges;

    internal Transaction(YDoc doc, object? origin, bool local, TransactionScratch scratch)
    {
        Doc = doc;
        Origin = origin;
        Local = local;
        _scratch = scratch;
    }

    /// <summary>The document being changed.</summary>
    public YDoc Doc { get; }

    /// <summary>Caller-supplied tag describing where the change comes from (e.g. a connection).</summary>
    public object? Origin { get; }

    /// <summary>True for local edits, false for applied remote updates.</summary>
    public bool Local { get; }

    private TransactionScratch Scratch => _scratch ?? throw new InvalidOperationException("The transaction has finished.");

    internal DeleteSet DeleteSet => Scratch.DeleteSet;

    /// <summary>Clock of each client before the transaction, for the clients it added structs to.</summary>
    internal Dictionary<ulong, long> BeforeState => Scratch.BeforeState;

    internal HashSet<YType> Changed => Scratch.Changed;

    /// <summary>Right halves of items split during the transaction: merged back at the end if possible.</summary>
    internal List<StructBase> MergeCandidates => Scratch.MergeCandidates;

    /// <summary>Freezes the public results and hands the working collections back for reuse.</summary>
    internal TransactionScratch Finish()
    {
        _sealedHasChanges = HasChanges;
        var scratch = Scratch;
        _scratch = null;
        return scratch;
    }

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
    public bool HasChanges => _sealedHasChanges ?? (!DeleteSet.IsEmpty || BeforeState.Any(pair => Doc.Store.GetState(pair.Key) != pair.Value));
}

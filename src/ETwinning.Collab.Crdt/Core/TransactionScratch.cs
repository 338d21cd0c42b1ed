using ETwinning.Collab.Crdt.Types;

namespace ETwinning.Collab.Crdt.Core;

/// <summary>
/// The working collections of a transaction. A document reuses one set from transaction to
/// transaction: with one transaction per keystroke, allocating them anew was a noticeable part of
/// the garbage produced while typing.
/// </summary>
internal sealed class TransactionScratch
{
    public DeleteSet DeleteSet { get; } = new();

    public Dictionary<ulong, long> BeforeState { get; } = [];

    public HashSet<YType> Changed { get; } = [];

    public List<StructBase> MergeCandidates { get; } = [];

    public void Reset()
    {
        DeleteSet.Clients.Clear();
        BeforeState.Clear();
        Changed.Clear();
        MergeCandidates.Clear();
    }
}

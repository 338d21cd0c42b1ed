using ETwinning.Collab.Crdt.Core;
using ETwinning.Collab.Crdt.Types;

namespace ETwinning.Collab.Crdt;

/// <summary>
/// A Yjs-compatible document: named root types, the history of every client, and the operations to
/// exchange updates with other replicas (yjs in browsers or other <see cref="YDoc"/>s).
/// </summary>
public sealed class YDoc
{
    private Transaction? _current;
    private TransactionScratch? _spareScratch;

    /// <summary>Creates a document. Without a client id a random 32-bit one is chosen, as yjs does.</summary>
    /// <param name="clientId">Client id used for local edits.</param>
    /// <param name="gc">Drop the content of deleted items at the end of each transaction (yjs default).</param>
    public YDoc(ulong? clientId = null, bool gc = true)
    {
        ClientId = clientId ?? (ulong)Random.Shared.NextInt64(1, uint.MaxValue);
        Gc = gc;
    }

    /// <summary>Client id used for local edits.</summary>
    public ulong ClientId { get; }

    /// <summary>Whether deleted content is garbage collected.</summary>
    public bool Gc { get; }

    internal StructStore Store { get; } = new();

    internal Dictionary<string, YType> Roots { get; } = new(StringComparer.Ordinal);

    internal List<StructBase> PendingStructs { get; } = [];

    internal DeleteSet PendingDeleteSet { get; } = new();

    /// <summary>For pending structs: per client, the clock that must be exceeded before retrying them.</summary>
    internal Dictionary<ulong, long> PendingMissing { get; } = [];

    internal HashSet<Item> ScratchConflicting { get; } = [];

    internal HashSet<Item> ScratchSeen { get; } = [];

    internal List<StructBase> ScratchStructs { get; } = [];

    /// <summary>Raised after every transaction with what it changed.</summary>
    public event EventHandler<TransactionEventArgs>? AfterTransaction;

    /// <summary>Raised after every transaction that changed something, with its encoded update.</summary>
    public event EventHandler<UpdateEventArgs>? Updated;

    /// <summary>Names of all root types, including ones only known from received updates.</summary>
    public IReadOnlyCollection<string> RootNames => Roots.Keys;

    /// <summary>True if some received structs or deletions wait for missing updates.</summary>
    public bool HasPendingUpdates => PendingStructs.Count > 0 || !PendingDeleteSet.IsEmpty;

    /// <summary>The next clock of every known client.</summary>
    public IReadOnlyDictionary<ulong, long> StateVector => Store.GetStateVector();

    /// <summary>Runs <paramref name="action"/> as one transaction (or inside the current one).</summary>
    public void Transact(Action<Transaction> action, object? origin = null) => Transact(action, origin, local: true);

    internal void Transact(Action<Transaction> action, object? origin, bool local)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (_current != null)
        {
            action(_current);
            return;
        }
        var transaction = new Transaction(this, origin, local, TakeScratch());
        Transaction? formatting = null;
        _current = transaction;
        try
        {
            action(transaction);
        }
        finally
        {
            try
            {
                transaction.DeleteSet.SortAndMerge();
                if (FormattingCleanup.IsNeeded(transaction))
                {
                    formatting = new Transaction(this, origin: null, local: true, TakeScratch());
                    FormattingCleanup.Run(transaction, formatting);
                }
                TransactionCleanup.Run(transaction);
            }
            finally
            {
                _current = null;
            }
        }
        Notify(transaction);
        ReturnScratch(transaction.Finish());
        if (formatting != null)
        {
            // Like yjs: the cleanup is a transaction of its own, finished after the remote one.
            TransactionCleanup.Run(formatting);
            Notify(formatting);
            ReturnScratch(formatting.Finish());
        }
    }

    /// <summary>The transaction in progress, if any.</summary>
    internal Transaction? CurrentTransaction => _current;

    private TransactionScratch TakeScratch()
    {
        var scratch = _spareScratch ?? new TransactionScratch();
        _spareScratch = null;
        return scratch;
    }

    private void ReturnScratch(TransactionScratch scratch)
    {
        scratch.Reset();
        _spareScratch = scratch;
    }

    private void Notify(Transaction transaction)
    {
        if (AfterTransaction != null)
        {
            var roots = new HashSet<string>(StringComparer.Ordinal);
            foreach (var type in transaction.Changed)
            {
                var t = type;
                while (t.Parent != null) t = t.Parent;
                if (t.RootName != null) roots.Add(t.RootName);
            }
            AfterTransaction(this, new TransactionEventArgs(transaction, [.. transaction.Changed], roots));
        }
        if (Updated != null && transaction.HasChanges)
        {
            Updated(this, new UpdateEventArgs(EncodeTransactionUpdate(transaction), transaction));
        }
    }

    private byte[] EncodeTransactionUpdate(Transaction transaction)
    {
        var runs = new List<UpdateWriter.ClientRun>();
        foreach (var (client, before) in transaction.BeforeState)
        {
            var list = Store.GetList(client)!;
            if (list.NextClock > before) runs.Add(new UpdateWriter.ClientRun(client, before, list.From(before).ToList()));
        }
        var writer = new Encoding.Lib0Writer();
        UpdateWriter.WriteClientRuns(writer, runs);
        transaction.DeleteSet.Write(writer);
        return writer.ToArray();
    }

    /// <summary>Applies a Yjs v1 update. Throws <see cref="CrdtFormatException"/> (leaving the document
    /// unchanged) if it is malformed.</summary>
    public void ApplyUpdate(ReadOnlySpan<byte> update, object? origin = null)
    {
        var decoded = DecodedUpdate.Decode(update);
        Transact(transaction => UpdateIntegrator.Apply(transaction, decoded), origin, local: false);
    }

    /// <summary>Applies a Yjs v1 update if it is within <paramref name="limits"/>. Throws
    /// <see cref="CrdtFormatException"/> if it is malformed and <see cref="CrdtLimitException"/> if it
    /// exceeds a limit; in both cases the document is unchanged.</summary>
    public void ApplyUpdate(ReadOnlySpan<byte> update, object? origin, YUpdateLimits limits) => ApplyUpdate(Check(update, limits), origin);

    /// <summary>
    /// Parses an update and checks it against <paramref name="limits"/> and this document's current
    /// state without changing anything, so a caller can refuse it before storing it, then apply the
    /// result without parsing again. Throws <see cref="CrdtFormatException"/> or <see cref="CrdtLimitException"/>.
    /// </summary>
    public YCheckedUpdate Check(ReadOnlySpan<byte> update, YUpdateLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var decoded = DecodedUpdate.Decode(update);
        long steps = IntegrationCost.Check(this, decoded, limits);
        return new YCheckedUpdate(this, decoded, steps);
    }

    /// <summary>Applies an update checked by <see cref="Check"/> on this document (once). Updates applied
    /// in between are harmless: integration resolves everything by id.</summary>
    public void ApplyUpdate(YCheckedUpdate update, object? origin = null)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (update.Doc != this) throw new InvalidOperationException("The update was checked against another document.");
        if (update.Applied) throw new InvalidOperationException("A checked update can be applied only once.");
        update.Applied = true;
        Transact(transaction => UpdateIntegrator.Apply(transaction, update.Decoded), origin, local: false);
    }

    /// <summary>Encodes the document (everything the remote state vector does not cover) as an update.</summary>
    public byte[] EncodeStateAsUpdate(ReadOnlySpan<byte> remoteStateVector = default)
    {
        var sv = UpdateWriter.ReadStateVector(remoteStateVector);
        var runs = new List<UpdateWriter.ClientRun>();
        foreach (var (client, list) in Store.Clients)
        {
            long from = sv.GetValueOrDefault(client);
            if (list.NextClock <= from) continue;
            from = Math.Max(from, list.FirstClock);
            runs.Add(new UpdateWriter.ClientRun(client, from, list.From(from).ToList()));
        }
        var writer = new Encoding.Lib0Writer(4096);
        UpdateWriter.WriteClientRuns(writer, runs);
        DeleteSet.FromStore(Store).Write(writer);
        var encoded = writer.ToArray();
        if (!HasPendingUpdates) return encoded;
        // Like yjs, include what is still pending so that nothing received gets lost.
        var pending = new Encoding.Lib0Writer();
        var pendingRuns = PendingStructs.GroupBy(s => s.Client)
            .Select(g => PendingRun(g.Key, g.OrderBy(s => s.Clock).ToList(), sv.GetValueOrDefault(g.Key)))
            .Where(run => run.Structs.Count > 0)
            .ToList();
        UpdateWriter.WriteClientRuns(pending, pendingRuns);
        PendingDeleteSet.Write(pending);
        return YUpdate.Merge(encoded, pending.ToArray());
    }

    private static UpdateWriter.ClientRun PendingRun(ulong client, List<StructBase> structs, long from)
    {
        var result = new List<StructBase>();
        long clock = -1;
        foreach (var s in structs)
        {
            if (s.EndClock <= from || s.EndClock <= clock) continue;
            var piece = s;
            long start = Math.Max(from, clock);
            if (piece.Clock < start) piece = piece.SliceFrom((int)(start - piece.Clock));
            if (clock >= 0 && piece.Clock > clock) result.Add(new SkipStruct(client, clock, (int)(piece.Clock - clock)));
            result.Add(piece);
            clock = piece.EndClock;
        }
        return new UpdateWriter.ClientRun(client, result.Count > 0 ? result[0].Clock : 0, result);
    }

    /// <summary>Encodes the state vector (next clock per client).</summary>
    public byte[] EncodeStateVector() => UpdateWriter.WriteStateVector(Store.GetStateVector());

    internal YType GetOrCreateRoot(string name)
    {
        if (!Roots.TryGetValue(name, out var type))
        {
            type = new YUnknownType();
            type.Attach(this, null);
            type.RootName = name;
            Roots[name] = type;
        }
        return type;
    }

    private T GetRoot<T>(string name, Func<T> create) where T : YType
    {
        ArgumentNullException.ThrowIfNull(name);
        var existing = GetOrCreateRoot(name);
        if (existing is T typed && existing.GetType() == typeof(T)) return typed;
        if (existing is not YUnknownType)
        {
            throw new InvalidOperationException($"Root '{name}' is a {existing.GetType().Name}, not a {typeof(T).Name}.");
        }
        var created = create();
        created.AdoptContent(existing);
        created.Attach(this, null);
        created.RootName = name;
        Roots[name] = created;
        return created;
    }

    /// <summary>The root text with this name (created on first use).</summary>
    public YText GetText(string name) => GetRoot(name, () => new YText());

    /// <summary>The root array with this name (created on first use).</summary>
    public YArray GetArray(string name) => GetRoot(name, () => new YArray());

    /// <summary>The root map with this name (created on first use).</summary>
    public YMap GetMap(string name) => GetRoot(name, () => new YMap());

    /// <summary>The root XML fragment with this name (created on first use).</summary>
    public YXmlFragment GetXmlFragment(string name) => GetRoot(name, () => new YXmlFragment());

    /// <summary>The root XML text with this name (created on first use).</summary>
    public YXmlText GetXmlText(string name) => GetRoot(name, () => new YXmlText());
}

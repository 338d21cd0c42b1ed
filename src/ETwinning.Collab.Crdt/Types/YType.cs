using ETwinning.Collab.Crdt.Core;
using ETwinning.Collab.Crdt.Core.Contents;

namespace ETwinning.Collab.Crdt.Types;

/// <summary>
/// Base of all shared types. A type owns a list of items (array/text/XML children) and a map of
/// keyed items (map entries/XML attributes); which of the two is used depends on the concrete type.
/// </summary>
public abstract class YType
{
    internal const int RefArray = 0, RefMap = 1, RefText = 2, RefXmlElement = 3, RefXmlFragment = 4, RefXmlHook = 5, RefXmlText = 6;

    internal YDoc? DocInternal;
    internal Item? ItemInternal;
    internal string? RootName;
    internal Item? Start;
    internal Dictionary<string, Item> MapItems = new(StringComparer.Ordinal);

    /// <summary>Set once a formatting mark was integrated (drives yjs's formatting cleanup).</summary>
    internal bool HasFormatting;

    /// <summary>Visible countable length of the list part.</summary>
    internal int ContentLength;

    // Search marker: an item of the list and the number of visible positions before it. Local edits
    // near the previous one (sequential typing) start walking from here instead of from the start.
    private Item? _markerItem;
    private int _markerIndex;

    private protected YType() { }

    internal abstract int TypeRef { get; }

    internal virtual string? NodeNameForEncoding => null;

    /// <summary>The document this type belongs to (null until inserted into one).</summary>
    public YDoc? Doc => DocInternal;

    /// <summary>The type containing this one, or null for a root type or a type not yet inserted.</summary>
    public YType? Parent => ItemInternal?.Parent;

    /// <summary>The root name if this is a root type of its document.</summary>
    public string? Name => RootName;

    /// <summary>True if this type was deleted from its parent.</summary>
    public bool IsDeleted => ItemInternal?.Deleted ?? false;

    internal abstract YType CreateEmptyCopy();

    internal static YType Create(int typeRef, string? name) => typeRef switch
    {
        RefArray => new YArray(),
        RefMap => new YMap(),
        RefText => new YText(),
        RefXmlElement => new YXmlElement(name!),
        RefXmlFragment => new YXmlFragment(),
        RefXmlHook => new YXmlHook(name!),
        RefXmlText => new YXmlText(),
        _ => throw new CrdtFormatException($"Unknown shared type reference {typeRef}."),
    };

    internal void Attach(YDoc doc, Item? item)
    {
        DocInternal = doc;
        ItemInternal = item;
    }

    /// <summary>Moves the content of another (placeholder) type into this one.</summary>
    internal void AdoptContent(YType other)
    {
        Start = other.Start;
        MapItems = other.MapItems;
        ContentLength = other.ContentLength;
        for (var n = Start; n != null; n = n.Right) n.Parent = this;
        foreach (var entry in MapItems.Values)
        {
            for (var n = entry; n != null; n = n.Left) n.Parent = this;
        }
    }

    internal YDoc RequireDoc() =>
        DocInternal ?? throw new InvalidOperationException("The type must be inserted into a document before it can be edited.");

    internal void ClearMarker() => _markerItem = null;

    internal void SetMarker(Item? item, int index)
    {
        _markerItem = item;
        _markerIndex = index;
    }

    internal void OnItemMerged(Item left, Item right)
    {
        if (_markerItem == right)
        {
            _markerItem = left;
            _markerIndex -= left.VisibleLength - right.VisibleLength;
        }
    }

    /// <summary>
    /// The item whose visible content ends exactly at <paramref name="index"/> (splitting one if
    /// needed), or null for index 0. Walks from the search marker when that is closer than the start.
    /// </summary>
    internal Item? FindItemEndingAt(Transaction transaction, int index)
    {
        if (index < 0 || index > ContentLength) throw new ArgumentOutOfRangeException(nameof(index), $"Index {index} is outside 0..{ContentLength}.");
        if (index == 0) return null;
        Item? n;
        int pos;
        if (_markerItem != null && Math.Abs(index - _markerIndex) < index)
        {
            n = _markerItem;
            pos = _markerIndex;
            while (n != null && pos >= index)
            {
                n = n.Left;
                if (n != null) pos -= n.VisibleLength;
            }
            if (n == null)
            {
                n = Start;
                pos = 0;
            }
        }
        else
        {
            n = Start;
            pos = 0;
        }
        while (n != null)
        {
            int visible = n.VisibleLength;
            if (visible > 0 && pos + visible >= index) break;
            pos += visible;
            n = n.Right;
        }
        if (n == null) throw new InvalidOperationException("Type length is out of sync with its items.");
        if (pos + n.Length > index) n.Split(transaction, index - pos);
        _markerItem = n;
        _markerIndex = pos;
        return n;
    }

    /// <summary>Inserts a new item with <paramref name="content"/> between <paramref name="left"/> and
    /// <paramref name="right"/>, authored by the local client.</summary>
    internal Item InsertItem(Transaction transaction, Item? left, Item? right, ItemContent content, string? parentSub = null)
    {
        var doc = transaction.Doc;
        var item = new Item(doc.ClientId, doc.Store.GetState(doc.ClientId), left?.LastId, right?.Id, content)
        {
            Left = left,
            Right = right,
            Parent = this,
            ParentSub = parentSub,
        };
        Yata.Integrate(transaction, item);
        return item;
    }

    internal void ListInsert(Transaction transaction, int index, IEnumerable<ItemContent> contents)
    {
        var left = FindItemEndingAt(transaction, index);
        var right = left == null ? Start : left.Right;
        int position = index;
        foreach (var content in contents)
        {
            left = InsertItem(transaction, left, right, content);
            SetMarker(left, position);
            position += left.VisibleLength;
        }
    }

    internal void ListDelete(Transaction transaction, int index, int length)
    {
        if (length == 0) return;
        if (index < 0 || length < 0 || index + length > ContentLength)
        {
            throw new ArgumentOutOfRangeException(nameof(length), $"Range {index}+{length} is outside 0..{ContentLength}.");
        }
        var left = FindItemEndingAt(transaction, index);
        var n = left == null ? Start : left.Right;
        int remaining = length;
        while (n != null && remaining > 0)
        {
            if (!n.Deleted && n.Countable)
            {
                if (n.Length > remaining) n.Split(transaction, remaining);
                remaining -= n.Length;
                n.Delete(transaction);
            }
            n = n.Right;
        }
        SetMarker(left, left == null ? 0 : index - left.VisibleLength);
    }

    internal List<object?> ListValues()
    {
        var values = new List<object?>(ContentLength);
        for (var n = Start; n != null; n = n.Right)
        {
            if (!n.Deleted && n.Countable) values.AddRange(n.Content.Values());
        }
        return values;
    }

    internal object? ListGet(int index)
    {
        if (index < 0 || index >= ContentLength) throw new ArgumentOutOfRangeException(nameof(index));
        for (var n = Start; n != null; n = n.Right)
        {
            if (n.Deleted || !n.Countable) continue;
            if (index < n.Length) return n.Content.Values().ElementAt(index);
            index -= n.Length;
        }
        throw new InvalidOperationException("Type length is out of sync with its items.");
    }

    internal void MapSet(Transaction transaction, string key, ItemContent content)
    {
        MapItems.TryGetValue(key, out var left);
        InsertItem(transaction, left, null, content, key);
    }

    internal void MapDelete(Transaction transaction, string key)
    {
        if (MapItems.TryGetValue(key, out var item)) item.Delete(transaction);
    }

    internal bool MapTryGet(string key, out object? value)
    {
        if (MapItems.TryGetValue(key, out var item) && !item.Deleted)
        {
            value = item.Content.Values().LastOrDefault();
            return true;
        }
        value = null;
        return false;
    }

    internal IEnumerable<KeyValuePair<string, object?>> MapEntries()
    {
        foreach (var (key, item) in MapItems)
        {
            if (!item.Deleted) yield return new KeyValuePair<string, object?>(key, item.Content.Values().LastOrDefault());
        }
    }

    /// <summary>Runs <paramref name="action"/> in the current transaction or a new one.</summary>
    internal void Edit(Action<Transaction> action) => RequireDoc().Transact(action);
}

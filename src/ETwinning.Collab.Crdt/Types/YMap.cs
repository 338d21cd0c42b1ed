namespace ETwinning.Collab.Crdt.Types;

/// <summary>A shared map from string keys to JSON-like values, binary blobs or nested types.</summary>
public sealed class YMap : YType
{
    /// <summary>Creates a map to insert into a document (or use <see cref="YDoc.GetMap"/>).</summary>
    public YMap() { }

    internal override int TypeRef => RefMap;

    internal override YType CreateEmptyCopy() => new YMap();

    /// <summary>Sets <paramref name="key"/> to <paramref name="value"/>.</summary>
    public void Set(string key, object? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        var content = ContentFactory.ForMapValue(value);
        Edit(t => MapSet(t, key, content));
    }

    /// <summary>Removes <paramref name="key"/>.</summary>
    public void Delete(string key) => Edit(t => MapDelete(t, key));

    /// <summary>Reads a value.</summary>
    public bool TryGetValue(string key, out object? value) => MapTryGet(key, out value);

    /// <summary>The value of <paramref name="key"/>, or null.</summary>
    public object? Get(string key) => MapTryGet(key, out var value) ? value : null;

    /// <summary>True if the key is set.</summary>
    public bool ContainsKey(string key) => MapTryGet(key, out _);

    /// <summary>Current entries.</summary>
    public IEnumerable<KeyValuePair<string, object?>> Entries => MapEntries();

    /// <summary>Number of entries.</summary>
    public int Count => MapEntries().Count();
}

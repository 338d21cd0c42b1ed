namespace ETwinning.Collab.Crdt.Types;

/// <summary>A shared list of JSON-like values, binary blobs and nested types.</summary>
public sealed class YArray : YType
{
    /// <summary>Creates an array to insert into a document (or use <see cref="YDoc.GetArray"/>).</summary>
    public YArray() { }

    internal override int TypeRef => RefArray;

    internal override YType CreateEmptyCopy() => new YArray();

    /// <summary>Number of elements.</summary>
    public int Length => ContentLength;

    /// <summary>Inserts values at <paramref name="index"/>.</summary>
    public void Insert(int index, params object?[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (index < 0 || index > ContentLength) throw new ArgumentOutOfRangeException(nameof(index));
        var contents = ContentFactory.ForList(values);
        Edit(t => ListInsert(t, index, contents));
    }

    /// <summary>Appends values at the end.</summary>
    public void Push(params object?[] values) => Insert(ContentLength, values);

    /// <summary>Deletes <paramref name="length"/> elements from <paramref name="index"/>.</summary>
    public void Delete(int index, int length = 1) => Edit(t => ListDelete(t, index, length));

    /// <summary>The element at <paramref name="index"/>.</summary>
    public object? Get(int index) => ListGet(index);

    /// <summary>All elements (nested types are returned as the type objects).</summary>
    public IReadOnlyList<object?> ToList() => ListValues();
}

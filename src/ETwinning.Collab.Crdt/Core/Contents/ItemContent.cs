using ETwinning.Collab.Crdt.Encoding;

namespace ETwinning.Collab.Crdt.Core.Contents;

/// <summary>
/// What an <see cref="Item"/> holds. The reference number is the content's tag in the update format
/// (the low 5 bits of an item's info byte).
/// </summary>
internal abstract class ItemContent
{
    public const int RefDeleted = 1, RefJson = 2, RefBinary = 3, RefString = 4, RefEmbed = 5,
        RefFormat = 6, RefType = 7, RefAny = 8, RefDoc = 9;

    public abstract int Ref { get; }

    /// <summary>Number of clocks (UTF-16 code units for strings, values for lists).</summary>
    public abstract int Length { get; }

    /// <summary>Whether the content takes up positions in its parent's index space.</summary>
    public virtual bool Countable => true;

    /// <summary>Whether adjacent items with this content may be merged into one.</summary>
    public virtual bool Mergeable => false;

    public abstract ItemContent Copy();

    /// <summary>Keeps the first <paramref name="offset"/> clocks and returns the rest as new content.</summary>
    public virtual ItemContent SplitAt(int offset) =>
        throw new InvalidOperationException($"Content {GetType().Name} of length 1 cannot be split.");

    /// <summary>Appends <paramref name="right"/> (same content class) to this content.</summary>
    public virtual void Append(ItemContent right) =>
        throw new InvalidOperationException($"Content {GetType().Name} cannot be merged.");

    /// <summary>Writes the content from <paramref name="offset"/> on.</summary>
    public abstract void Write(Lib0Writer writer, int offset);

    public virtual void Integrate(Transaction transaction, Item item) { }

    public virtual void Delete(Transaction transaction) { }

    /// <summary>Releases nested content when the item holding it is garbage collected.</summary>
    public virtual void Gc(StructStore store) { }

    /// <summary>The values this content contributes to an array (one per clock).</summary>
    public virtual IEnumerable<object?> Values() => [];
}

using ETwinning.Collab.Crdt.Encoding;

namespace ETwinning.Collab.Crdt.Core.Contents;

/// <summary>
/// Text. Kept in a growable char buffer so that merging sequentially typed characters appends in
/// amortized constant time instead of re-allocating the whole string each time.
/// </summary>
internal sealed class TextRunContent : ItemContent
{
    private const char ReplacementChar = '\uFFFD';
    private char[] _chars;
    private int _length;

    public TextRunContent(string text)
    {
        _chars = text.ToCharArray();
        _length = _chars.Length;
    }

    private TextRunContent(char[] chars, int length)
    {
        _chars = chars;
        _length = length;
    }

    public override int Ref => RefString;
    public override int Length => _length;
    public override bool Mergeable => true;

    public ReadOnlySpan<char> Span => _chars.AsSpan(0, _length);

    public override ItemContent Copy() => new TextRunContent(Span.ToArray(), _length);

    public override ItemContent SplitAt(int offset)
    {
        var right = new TextRunContent(_chars.AsSpan(offset, _length - offset).ToArray(), _length - offset);
        _length = offset;
        // Splitting between the halves of a surrogate pair leaves two broken halves; yjs replaces
        // both with U+FFFD and so must we, to stay bit-identical.
        if (offset > 0 && char.IsHighSurrogate(_chars[offset - 1]))
        {
            _chars[offset - 1] = ReplacementChar;
            if (right._length > 0) right._chars[0] = ReplacementChar;
        }
        return right;
    }

    public override void Append(ItemContent right)
    {
        var other = (TextRunContent)right;
        int needed = _length + other._length;
        if (needed > _chars.Length)
        {
            Array.Resize(ref _chars, Math.Max(needed, _chars.Length * 2));
        }
        other.Span.CopyTo(_chars.AsSpan(_length));
        _length = needed;
    }

    public override void Write(Lib0Writer writer, int offset) => writer.WriteVarString(_chars.AsSpan(offset, _length - offset));

    public override IEnumerable<object?> Values()
    {
        for (int i = 0; i < _length; i++) yield return _chars[i].ToString();
    }

    public override string ToString() => new(Span);
}

using System.Text;

namespace ETwinning.Collab.Server.Features.Materials;

/// <summary>
/// Checks, chunk by chunk, that a whole upload is UTF-8 text: no invalid sequences, no NUL, no control characters
/// other than tab, line feed, carriage return and form feed. Binary data cannot pass as "text".
/// </summary>
public sealed class TextValidator
{
    private readonly Decoder _decoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetDecoder();
    private char[] _chars = new char[4_096];

    /// <summary>The sniffer's test on the first bytes (a sequence cut at the end is fine).</summary>
    public static bool LooksLikeText(ReadOnlySpan<byte> head)
    {
        var validator = new TextValidator();
        return validator.TryAppend(head, final: false);
    }

    /// <summary>False as soon as the bytes seen so far are not acceptable text.</summary>
    public bool TryAppend(ReadOnlySpan<byte> bytes, bool final)
    {
        try
        {
            var count = _decoder.GetCharCount(bytes, final);
            if (_chars.Length < count) _chars = new char[count];
            var written = _decoder.GetChars(bytes, _chars, final);
            foreach (var c in _chars.AsSpan(0, written))
                if (char.IsControl(c) && c is not ('\t' or '\n' or '\r' or '\f')) return false;
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}

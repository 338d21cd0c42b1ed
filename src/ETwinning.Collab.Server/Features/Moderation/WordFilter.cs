using System.Text;
using ETwinning.Collab.Client.Protocol;

namespace ETwinning.Collab.Server.Features.Moderation;

/// <summary>
/// Matches a text against a word list, ignoring case and accents ("Ídiot" matches "idiot") and respecting word
/// boundaries ("class" does not match "ass"). When several entries match, the strictest action wins; masking
/// keeps the text's length so nothing else moves. Pure and thread-safe: build one per word list.
/// </summary>
public sealed class WordFilter
{
    private static readonly Dictionary<char, char> Folds = BuildFolds();
    private readonly (string Folded, bool Prefix, WordFilterAction Action, string Word)[] _entries;

    public WordFilter(IEnumerable<WordFilterRule> rules)
    {
        _entries = rules
            .Select(rule =>
            {
                var word = rule.Word.Trim();
                var prefix = word.EndsWith('*');
                return (Fold(prefix ? word[..^1].TrimEnd() : word), prefix, rule.Action, word);
            })
            .Where(entry => entry.Item1.Length > 0)
            .ToArray();
    }

    public static WordFilter Empty { get; } = new([]);

    public ScreenVerdict Screen(string text)
    {
        if (_entries.Length == 0 || text.Length == 0) return ScreenVerdict.Allow(text);
        var folded = Fold(text);
        var outcome = ScreenOutcome.Allowed;
        var matched = new List<string>();
        char[]? masked = null;
        foreach (var (word, prefix, action, original) in _entries)
        {
            for (var start = folded.IndexOf(word, StringComparison.Ordinal); start >= 0;
                 start = folded.IndexOf(word, start + 1, StringComparison.Ordinal))
            {
                var end = start + word.Length;
                if (start > 0 && IsWordChar(folded[start - 1])) continue;
                if (prefix) while (end < folded.Length && IsWordChar(folded[end])) end++;
                else if (end < folded.Length && IsWordChar(folded[end])) continue;
                if (!matched.Contains(original)) matched.Add(original);
                outcome = Stricter(outcome, action);
                if (action == WordFilterAction.Mask)
                {
                    masked ??= text.ToCharArray();
                    for (var i = start; i < end; i++) if (!char.IsWhiteSpace(masked[i])) masked[i] = '*';
                }
            }
        }
        return outcome == ScreenOutcome.Allowed
            ? ScreenVerdict.Allow(text)
            : new ScreenVerdict(outcome, masked is null ? text : new string(masked), matched);
    }

    /// <summary>
    /// Lower case without accents, one output character per input character, so positions found in the folded
    /// text are positions in the original (needed for masking). A table rather than Unicode normalization: the
    /// server runs with invariant globalization, and ł or ø do not decompose anyway.
    /// </summary>
    public static string Fold(string text)
    {
        var folded = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var lower = char.ToLowerInvariant(c);
            folded.Append(Folds.TryGetValue(lower, out var baseLetter) ? baseLetter : lower);
        }
        return folded.ToString();
    }

    private static Dictionary<char, char> BuildFolds()
    {
        var folds = new Dictionary<char, char>();
        (string Letters, char Base)[] groups =
        [
            ("àáâãäåāăąæ", 'a'), ("çćĉċč", 'c'), ("ďđð", 'd'), ("èéêëēĕėęě", 'e'), ("ĝğġģ", 'g'), ("ĥħ", 'h'),
            ("ìíîïĩīĭįı", 'i'), ("ĵ", 'j'), ("ķ", 'k'), ("ĺļľŀł", 'l'), ("ñńņňŉ", 'n'), ("òóôõöøōŏőœ", 'o'),
            ("ŕŗř", 'r'), ("śŝşšșß", 's'), ("ţťŧțþ", 't'), ("ùúûüũūŭůűų", 'u'), ("ŵ", 'w'), ("ýÿŷ", 'y'), ("źżž", 'z'),
            // Look-alikes from other alphabets used to slip past filters.
            ("аα", 'a'), ("еε", 'e'), ("оο0", 'o'), ("с", 'c'), ("р", 'p'), ("х", 'x'), ("і1", 'i'),
        ];
        foreach (var (letters, baseLetter) in groups)
            foreach (var letter in letters) folds[letter] = baseLetter;
        return folds;
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c);

    private static ScreenOutcome Stricter(ScreenOutcome current, WordFilterAction action)
    {
        var next = action switch
        {
            WordFilterAction.Block => ScreenOutcome.Blocked,
            WordFilterAction.HoldForReview => ScreenOutcome.Held,
            _ => ScreenOutcome.Masked,
        };
        return next > current ? next : current;
    }
}

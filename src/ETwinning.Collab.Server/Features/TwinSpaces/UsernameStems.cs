using System.Text;

namespace ETwinning.Collab.Server.Features.TwinSpaces;

/// <summary>
/// The readable start of a pupil username: lower-case ASCII letters of the nickname, with the letters of
/// European alphabets folded to their base letter ("Zoë" -> "zoe", "Łucja" -> "lucja", "Søren" -> "soren").
/// A table, not Unicode normalization: it works with invariant globalization and covers ł, ø, ß and æ,
/// which do not decompose.
/// </summary>
internal static class UsernameStems
{
    private const int MaxLength = 12;
    private static readonly Dictionary<char, string> Folds = BuildFolds();

    public static string From(string nickname)
    {
        var stem = new StringBuilder();
        foreach (var c in nickname.ToLowerInvariant())
        {
            if (char.IsAsciiLetterLower(c)) stem.Append(c);
            else if (Folds.TryGetValue(c, out var folded)) stem.Append(folded);
            if (stem.Length >= MaxLength) break;
        }
        return stem.Length > 0 ? stem.ToString(0, Math.Min(stem.Length, MaxLength)) : "pupil";
    }

    private static Dictionary<char, string> BuildFolds()
    {
        var folds = new Dictionary<char, string> { ['ß'] = "ss", ['æ'] = "ae", ['œ'] = "oe", ['þ'] = "th", ['ð'] = "d" };
        (string Letters, char Base)[] groups =
        [
            ("àáâãäåāăą", 'a'), ("çćĉċč", 'c'), ("ďđ", 'd'), ("èéêëēĕėęě", 'e'), ("ĝğġģ", 'g'), ("ĥħ", 'h'),
            ("ìíîïĩīĭįı", 'i'), ("ĵ", 'j'), ("ķ", 'k'), ("ĺļľŀł", 'l'), ("ñńņňŉ", 'n'), ("òóôõöøōŏő", 'o'),
            ("ŕŗř", 'r'), ("śŝşšș", 's'), ("ţťŧț", 't'), ("ùúûüũūŭůűų", 'u'), ("ŵ", 'w'), ("ýÿŷ", 'y'), ("źżž", 'z'),
        ];
        foreach (var (letters, baseLetter) in groups)
            foreach (var letter in letters) folds[letter] = baseLetter.ToString();
        return folds;
    }
}

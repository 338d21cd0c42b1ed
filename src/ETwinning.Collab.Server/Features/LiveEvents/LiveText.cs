using ETwinning.Collab.Server.Infrastructure.Errors;
using ETwinning.Collab.Server.Infrastructure.Localization;

namespace ETwinning.Collab.Server.Features.LiveEvents;

/// <summary>Text limits of live events: empty text is <c>invalid</c>, text over the limit <c>too_large</c> (nothing is cut).</summary>
public static class LiveText
{
    public static string Required(string? value, string field, int maxCharacters)
    {
        var text = value?.Trim() ?? "";
        if (text.Length == 0) throw CollabException.Invalid($"{field} is required.").WithKey("LiveEvent_TextRequired", new FieldName(field));
        return Limited(text, field, maxCharacters);
    }

    public static string Optional(string? value, string field, int maxCharacters) => Limited(value?.Trim() ?? "", field, maxCharacters);

    private static string Limited(string text, string field, int maxCharacters) => text.Length <= maxCharacters
        ? text
        : throw CollabException.TooLarge($"{field} is longer than {maxCharacters} characters.").WithKey("LiveEvent_TextTooLong", new FieldName(field), maxCharacters);
}

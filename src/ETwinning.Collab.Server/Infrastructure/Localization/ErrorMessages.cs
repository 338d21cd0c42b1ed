using System.Globalization;
using ETwinning.Collab.Server.Infrastructure.Errors;

namespace ETwinning.Collab.Server.Infrastructure.Localization;

/// <summary>
/// The message of a refusal in the reader's language. A <see cref="CollabException"/> with a message key is looked up
/// in <see cref="ServerMessages"/>; one without a key keeps its English message (a unit test keeps the server's refusals
/// keyed). Codes never change.
/// </summary>
public static class ErrorMessages
{
    public const string InternalKey = "Error_Internal";
    public const string MalformedKey = "Error_Malformed";
    public const string RequestTooLargeKey = "Error_RequestTooLarge";
    public const string NetworkRateLimitedKey = "RateLimit_Network";

    public static string For(CollabException refusal, CultureInfo culture) =>
        refusal.MessageKey is { } key ? Text(key, culture, refusal.Message, refusal.MessageArguments) : refusal.Message;

    /// <summary><paramref name="key"/> formatted with <paramref name="arguments"/>, or <paramref name="english"/> when the catalogue lacks it.</summary>
    public static string Text(string key, CultureInfo culture, string english, IReadOnlyList<object?>? arguments = null)
    {
        var template = ServerMessages.Template(key, culture);
        if (template is null)
            return english;
        var shown = (arguments ?? []).Select(argument => argument is FieldName field ? ServerMessages.Field(field.Name, culture) : argument).ToArray();
        try
        {
            return string.Format(culture, template, shown);
        }
        catch (FormatException)
        {
            // A translation with a broken placeholder must not turn a refusal into a fault; the English text is right.
            return english;
        }
    }
}

using System.Globalization;

namespace ETwinning.Collab.Server.Infrastructure.Localization;

/// <summary>
/// The language a caller reads: the <c>lang</c> query parameter (browsers cannot set headers on WebSocket and
/// server-sent-event requests, so the web client passes it to the hub this way), else the best supported entry of
/// <c>Accept-Language</c>, else English. For the hub it is the one of the connect request until the client changes
/// it with <c>SetLanguage</c> (Realtime/ConnectionLanguage).
/// </summary>
public static class RequestLanguage
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    // RFC 5646 advises room for 35 characters; anything longer is not a language tag.
    private const int MaxTagLength = 35;

    public static CultureInfo Of(HttpContext? context)
    {
        if (context is null)
            return English;
        if (Supported(context.Request.Query["lang"].ToString()) is { } asked)
            return asked;
        var accepted = context.Request.GetTypedHeaders().AcceptLanguage
            .OrderByDescending(language => language.Quality ?? 1);
        foreach (var language in accepted)
        {
            if (Supported(language.Value.Value) is { } culture)
                return culture;
        }
        return English;
    }

    /// <summary>The supported language of a BCP 47 tag ("pt-BR" is Portuguese), or null when there is no catalogue for it.</summary>
    public static CultureInfo? Supported(string? tag)
    {
        if (string.IsNullOrEmpty(tag) || tag.Length > MaxTagLength)
            return null;
        var code = tag.Split('-', 2)[0].ToLowerInvariant();
        return ServerMessages.Languages.Contains(code) ? CultureInfo.GetCultureInfo(code) : null;
    }
}

using System.Globalization;

namespace ETwinning.Collab.Server.Infrastructure.Localization;

/// <summary>
/// The language a caller reads: the <c>lang</c> query parameter (browsers cannot set headers on WebSocket and
/// server-sent-event requests, so the web client passes it to the hub this way), else the best supported entry of
/// <c>Accept-Language</c>, else English. For the hub it is the one of the connect request, fixed for the connection.
/// </summary>
public static class RequestLanguage
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

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

    private static CultureInfo? Supported(string? tag)
    {
        if (string.IsNullOrEmpty(tag))
            return null;
        var code = tag.Split('-', 2)[0].ToLowerInvariant();
        return ServerMessages.Languages.Contains(code) ? CultureInfo.GetCultureInfo(code) : null;
    }
}

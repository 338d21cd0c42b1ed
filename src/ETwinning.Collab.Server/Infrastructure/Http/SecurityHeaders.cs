namespace ETwinning.Collab.Server.Infrastructure.Http;

/// <summary>
/// Headers every response carries. The web client sets its own content security policy in a meta tag, but
/// <c>frame-ancestors</c> (no framing of a children's workspace by other sites) only works as a header. HTML the API
/// itself serves (the pages export) is members' content, never an application: it gets <see cref="DocumentPolicy"/>.
/// The headers are added when the response starts, because the exception handler clears the headers of a failed
/// request before it writes the refusal.
/// </summary>
internal sealed class SecurityHeaders(RequestDelegate next)
{
    /// <summary>No script, plugins, forms, base URL or framing; a sandbox (unique origin). Images and inline styles stay.</summary>
    public const string DocumentPolicy =
        "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; sandbox";

    private const string FramingPolicy = "frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state => Apply((HttpContext)state), context);
        return next(context);
    }

    private static Task Apply(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Permissions-Policy"] = "geolocation=(), payment=(), usb=()";
        // Routes with their own policy (material downloads) keep it.
        if (string.IsNullOrEmpty(headers.ContentSecurityPolicy))
            headers.ContentSecurityPolicy = IsApiDocument(context) ? DocumentPolicy : FramingPolicy;
        return Task.CompletedTask;
    }

    private static bool IsApiDocument(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/api")
        && context.Response.ContentType is { } type && type.StartsWith("text/html", StringComparison.OrdinalIgnoreCase);
}

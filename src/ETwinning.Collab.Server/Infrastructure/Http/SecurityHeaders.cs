namespace ETwinning.Collab.Server.Infrastructure.Http;

/// <summary>
/// Headers every response carries. The web client sets its own content security policy in a meta tag, but
/// <c>frame-ancestors</c> (no framing of a children's workspace by other sites) only works as a header.
/// </summary>
internal sealed class SecurityHeaders(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers.ContentSecurityPolicy = "frame-ancestors 'none'";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Permissions-Policy"] = "geolocation=(), payment=(), usb=()";
        return next(context);
    }
}

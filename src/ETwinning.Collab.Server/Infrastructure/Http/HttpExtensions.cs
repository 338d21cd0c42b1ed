using System.Net;
using System.Threading.RateLimiting;
using ETwinning.Collab.Server.Infrastructure.Errors;
using ETwinning.Collab.Server.Infrastructure.Localization;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace ETwinning.Collab.Server.Infrastructure.Http;

public static class HttpExtensions
{
    public const string LoginRateLimitPolicy = "login";

    public static IHostApplicationBuilder AddCollabHttp(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<HttpOptions>().BindConfiguration(HttpOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<HttpOptions>>(
            (kestrel, http) => kestrel.Limits.MaxRequestBodySize = http.Value.MaxRequestBodyBytes);
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<HttpOptions>>((forwarded, http) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // ASP.NET Core trusts loopback by default; trust exactly the configured balancers instead.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in http.Value.KnownProxies) forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
        });
        services.AddSingleton<LoginThrottle>();
        services.AddExceptionHandler<ErrorResponses>();
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(json => JsonDefaults.Apply(json.SerializerOptions));
        services.AddRateLimiter(limiter =>
        {
            limiter.OnRejected = (context, _) => new ValueTask(ErrorResponses.WriteAsync(
                context.HttpContext, ErrorCodes.RateLimited, ErrorMessages.Text(ErrorMessages.NetworkRateLimitedKey,
                    RequestLanguage.Of(context.HttpContext), "Too many attempts from your network. Wait a minute and try again.")));
            limiter.AddPolicy(LoginRateLimitPolicy, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = http.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value.LoginPermitsPerAddressPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));
        });
        // ASP.NET Core's hosting log prints full request URLs, and browsers send the SignalR access token in the
        // query string. Keep that category at warnings; RequestLogging logs requests without query strings.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Http.Connections", LogLevel.Warning);
        return builder;
    }

    /// <summary>
    /// The login limits: per client address (before the body is read), then per account and, for pupils, per
    /// TwinSpace code (<see cref="LoginThrottle"/>). For every route that checks a password or a refresh token.
    /// </summary>
    public static TBuilder RequireLoginLimits<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireRateLimiting(LoginRateLimitPolicy).AddEndpointFilter<TBuilder, LoginThrottleFilter>();

    public static WebApplication UseCollabHttp(this WebApplication app)
    {
        // First: everything after it (limits per address, the request log) sees the client behind the balancer.
        if (app.Services.GetRequiredService<IOptions<HttpOptions>>().Value.KnownProxies.Count > 0) app.UseForwardedHeaders();
        // Outside the exception handler, so the log shows the status the handler gave a refused request.
        app.UseMiddleware<RequestLogging>();
        app.UseExceptionHandler();
        app.UseMiddleware<SecurityHeaders>();
        // Errors that ASP.NET Core answers itself (bad JSON, body too large, no token, unknown API route) get
        // the same { code, message } body as ours.
        app.UseStatusCodePages(context => context.HttpContext.Response.StatusCode switch
        {
            StatusCodes.Status400BadRequest or StatusCodes.Status415UnsupportedMediaType or StatusCodes.Status405MethodNotAllowed
                => ErrorResponses.WriteAsync(context.HttpContext, ErrorCodes.Invalid, "The request is malformed."),
            StatusCodes.Status401Unauthorized => ErrorResponses.WriteAsync(context.HttpContext, ErrorCodes.Unauthorized, "Sign in first."),
            StatusCodes.Status403Forbidden => ErrorResponses.WriteAsync(context.HttpContext, ErrorCodes.Forbidden, "This is not allowed for you."),
            StatusCodes.Status413PayloadTooLarge => ErrorResponses.WriteAsync(context.HttpContext, ErrorCodes.TooLarge, "The request is too large."),
            StatusCodes.Status404NotFound when context.HttpContext.Request.Path.StartsWithSegments("/api")
                => ErrorResponses.WriteAsync(context.HttpContext, ErrorCodes.NotFound, "No such route."),
            _ => Task.CompletedTask,
        });
        app.UseRateLimiter();
        return app;
    }

    /// <summary>Serves the built web client at <c>/</c> with index.html for client-side routes.</summary>
    public static WebApplication MapWebClient(this WebApplication app)
    {
        var folder = WebClientFolder(app);
        if (folder is null)
        {
            app.Logger.LogWarning("The web client is not built (samples/web-client/dist); only the API is served");
            return app;
        }
        var files = new PhysicalFileProvider(folder);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
        // Client-side routes get index.html; API, hub and health paths keep their own 404s.
        app.MapFallbackToFile("{*path:nonfile:regex(^(?!api/|hubs/|health/).*$)}", "index.html", new StaticFileOptions { FileProvider = files });
        return app;
    }

    private static string? WebClientFolder(WebApplication app)
    {
        var configured = app.Services.GetRequiredService<IOptions<HttpOptions>>().Value.WebClientPath;
        var root = app.Environment.ContentRootPath;
        string[] candidates = string.IsNullOrWhiteSpace(configured)
            ? [Path.Combine(root, "wwwroot"), Path.Combine(root, "..", "..", "samples", "web-client", "dist")]
            : [Path.GetFullPath(configured, root)];
        return candidates.Select(Path.GetFullPath).FirstOrDefault(path => File.Exists(Path.Combine(path, "index.html")));
    }
}

namespace ETwinning.Collab.Server.Infrastructure.Errors;

/// <summary>The stable, machine-readable error codes every client can rely on (see docs/protocol.md).</summary>
public static class ErrorCodes
{
    public const string Invalid = "invalid";
    public const string Unauthorized = "unauthorized";
    public const string Forbidden = "forbidden";
    public const string NotFound = "not_found";
    public const string Conflict = "conflict";
    public const string ReadOnly = "read_only";
    public const string TooLarge = "too_large";
    public const string RateLimited = "rate_limited";
    /// <summary>A part the server depends on (the database) is down; retrying later succeeds.</summary>
    public const string Unavailable = "unavailable";
    /// <summary>The media server (SFU) of a large session is down or refused us; retrying later succeeds.</summary>
    public const string MediaUnavailable = "media_unavailable";
    public const string Internal = "internal";

    public static int HttpStatus(string code) => code switch
    {
        Invalid => StatusCodes.Status400BadRequest,
        Unauthorized => StatusCodes.Status401Unauthorized,
        Forbidden => StatusCodes.Status403Forbidden,
        NotFound => StatusCodes.Status404NotFound,
        Conflict or ReadOnly => StatusCodes.Status409Conflict,
        TooLarge => StatusCodes.Status413PayloadTooLarge,
        RateLimited => StatusCodes.Status429TooManyRequests,
        Unavailable or MediaUnavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };
}

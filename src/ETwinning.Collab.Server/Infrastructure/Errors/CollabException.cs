namespace ETwinning.Collab.Server.Infrastructure.Errors;

/// <summary>
/// A refusal the client should see: a stable code from <see cref="ErrorCodes"/> and a message written for
/// people. Anything else thrown is a fault and reaches clients only as <c>internal</c>.
/// The message is English; <see cref="WithKey"/> names its entry in the message catalogue (Infrastructure/Localization)
/// so the hub and HTTP error handlers can answer in the caller's language. Every refusal the server throws names one
/// (ServerMessageCoverageTests reads the compiled code); without a key the English message would be sent.
/// </summary>
public sealed class CollabException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;

    /// <summary>The catalogue key of <see cref="Exception.Message"/>, or null when it has none yet.</summary>
    public string? MessageKey { get; private set; }

    /// <summary>The values of the key's <c>{0}</c>, <c>{1}</c>... placeholders, the same as in the English message.</summary>
    public IReadOnlyList<object?> MessageArguments { get; private set; } = [];

    /// <summary>Names the catalogue entry of this message; returns the same exception to throw.</summary>
    public CollabException WithKey(string key, params object?[] arguments)
    {
        MessageKey = key;
        MessageArguments = arguments;
        return this;
    }

    public static CollabException Invalid(string message) => new(ErrorCodes.Invalid, message);
    public static CollabException Unauthorized(string message) => new(ErrorCodes.Unauthorized, message);
    public static CollabException Forbidden(string message) => new(ErrorCodes.Forbidden, message);
    public static CollabException NotFound(string message) => new(ErrorCodes.NotFound, message);
    public static CollabException Conflict(string message) => new(ErrorCodes.Conflict, message);
    public static CollabException ReadOnly(string message) => new(ErrorCodes.ReadOnly, message);
    public static CollabException TooLarge(string message) => new(ErrorCodes.TooLarge, message);
    public static CollabException RateLimited(string message) => new(ErrorCodes.RateLimited, message);
    public static CollabException Unavailable(string message) => new(ErrorCodes.Unavailable, message);
}

namespace ETwinning.Collab.Server.Infrastructure.Errors;

/// <summary>
/// A refusal the client should see: a stable code from <see cref="ErrorCodes"/> and a message written for
/// people. Anything else thrown is a fault and reaches clients only as <c>internal</c>.
/// </summary>
public sealed class CollabException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;

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

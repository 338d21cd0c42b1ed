namespace ETwinning.Collab.Client;

/// <summary>A refusal or failure reported by the server, with its stable code (see docs/protocol.md).</summary>
public sealed class CollabHubException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CollabHubException(string code, string message) : base(message) => Code = code;

    /// <summary>Creates the exception.</summary>
    public CollabHubException() : this("internal", "Unknown error.") { }

    /// <summary>Creates the exception.</summary>
    public CollabHubException(string message) : this("internal", message) { }

    /// <summary>Creates the exception.</summary>
    public CollabHubException(string message, Exception innerException) : base(message, innerException) => Code = "internal";

    /// <summary><c>invalid</c>, <c>forbidden</c>, <c>not_found</c>, <c>read_only</c>, ...</summary>
    public string Code { get; }

    /// <summary>Splits a hub error message <c>"code: message"</c>; SignalR's own binding errors count as <c>invalid</c>.</summary>
    public static CollabHubException FromHubMessage(string message)
    {
        // The SignalR client wraps the server's text: "An unexpected error occurred invoking 'X' on the server. HubException: code: text".
        const string Wrapper = "HubException: ";
        var wrapped = message.IndexOf(Wrapper, StringComparison.Ordinal);
        if (wrapped >= 0) message = message[(wrapped + Wrapper.Length)..];
        var separator = message.IndexOf(": ", StringComparison.Ordinal);
        if (separator > 0 && message[..separator].All(c => c == '_' || char.IsAsciiLetterLower(c)))
            return new CollabHubException(message[..separator], message[(separator + 2)..]);
        // Arguments that do not bind to the method's types never reach our code; SignalR answers for itself.
        return message.StartsWith("Failed to invoke '", StringComparison.Ordinal)
            ? new CollabHubException("invalid", message)
            : new CollabHubException("internal", message);
    }
}

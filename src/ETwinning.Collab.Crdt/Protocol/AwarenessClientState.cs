using ETwinning.Collab.Crdt.Encoding;

namespace ETwinning.Collab.Crdt.Protocol;

/// <summary>One client's entry in an awareness update: its clock and its state as JSON text
/// (<c>null</c> means the client went away).</summary>
public sealed record AwarenessClientState(ulong ClientId, ulong Clock, string StateJson)
{
    /// <summary>True if this entry removes the client (state null).</summary>
    public bool IsRemoved => StateJson == "null";

    /// <summary>The state parsed into JSON-like values.</summary>
    public object? ParseState() => JsJson.Parse(StateJson);
}

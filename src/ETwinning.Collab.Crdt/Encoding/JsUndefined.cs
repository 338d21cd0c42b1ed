namespace ETwinning.Collab.Crdt.Encoding;

/// <summary>
/// The JavaScript <c>undefined</c> value. lib0's "any" encoding distinguishes it from <c>null</c>,
/// so it has its own marker to survive a decode/encode round trip.
/// </summary>
public sealed class JsUndefined
{
    /// <summary>The only instance.</summary>
    public static readonly JsUndefined Value = new();

    private JsUndefined() { }

    /// <inheritdoc />
    public override string ToString() => "undefined";
}

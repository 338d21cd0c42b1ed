namespace ETwinning.Collab.Crdt;

/// <summary>
/// The single exception type thrown for malformed binary input (updates, state vectors, protocol
/// messages). When it is thrown by an apply operation the document is left unchanged.
/// </summary>
public sealed class CrdtFormatException : Exception
{
    /// <summary>Creates the exception with a message describing what was wrong with the input.</summary>
    public CrdtFormatException(string message) : base(message) { }

    /// <summary>Creates the exception wrapping the lower-level cause.</summary>
    public CrdtFormatException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates the exception with a generic message.</summary>
    public CrdtFormatException() : base("Malformed CRDT input.") { }
}

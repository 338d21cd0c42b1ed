namespace ETwinning.Collab.Crdt;

/// <summary>
/// A well-formed update that a document refused under its <see cref="YUpdateLimits"/>. The document is
/// unchanged when it is thrown.
/// </summary>
public sealed class CrdtLimitException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CrdtLimitException(CrdtLimitReason reason, string message) : base(message) => Reason = reason;

    /// <summary>Creates the exception with a generic message.</summary>
    public CrdtLimitException() : this(CrdtLimitReason.TooMuchWork, "The update exceeds a limit.") { }

    /// <summary>Creates the exception with a message.</summary>
    public CrdtLimitException(string message) : this(CrdtLimitReason.TooMuchWork, message) { }

    /// <summary>Creates the exception wrapping a cause.</summary>
    public CrdtLimitException(string message, Exception innerException) : base(message, innerException) => Reason = CrdtLimitReason.TooMuchWork;

    /// <summary>Which limit refused the update.</summary>
    public CrdtLimitReason Reason { get; }
}

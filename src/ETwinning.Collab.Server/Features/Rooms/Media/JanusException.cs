namespace ETwinning.Collab.Server.Features.Rooms.Media;

/// <summary>Janus answered with an error (its code and reason), or could not be reached (<see cref="Unreachable"/>).</summary>
internal sealed class JanusException(int code, string reason, Exception? inner = null) : Exception($"Janus error {code}: {reason}", inner)
{
    /// <summary>No answer: a network error or a timeout.</summary>
    public const int Unreachable = 0;
    /// <summary>Janus core: the session is gone (timed out, or Janus restarted).</summary>
    public const int NoSuchSession = 458;
    /// <summary>VideoRoom: no such room.</summary>
    public const int NoSuchRoom = 426;
    /// <summary>VideoRoom: the room exists already.</summary>
    public const int RoomExists = 427;
    /// <summary>VideoRoom: no such feed (not published, or gone).</summary>
    public const int NoSuchFeed = 428;
    /// <summary>VideoRoom: a participant with that id is in the room already.</summary>
    public const int FeedExists = 436;

    public int Code { get; } = code;
    public string Reason { get; } = reason;
}

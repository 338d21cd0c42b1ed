namespace ETwinning.Collab.Server.Features.Rooms.Media;

/// <summary>
/// The media room of one live session (of a room of a TwinSpace) or of one live event (<see cref="RoomId"/> and
/// <see cref="SessionId"/> are then the event's id); <see cref="Capacity"/> bounds its publishers.
/// </summary>
public sealed record MediaRoom(string TwinSpaceId, string RoomId, string SessionId, int Capacity, MediaScope Scope = MediaScope.RoomSession)
{
    /// <summary>
    /// What the media room's ids and secrets are derived from: the session id for a room session (as before live events
    /// had media), and a separate namespace for events, so an event's room can never be a session's.
    /// </summary>
    public string Key => Scope == MediaScope.RoomSession ? SessionId : $"live-event:{SessionId}";

    /// <summary>
    /// A live event's presenters are found by account (attendees on any node subscribe knowing only who presents), so
    /// their feed is one per account; a session's feeds are one per connection.
    /// </summary>
    public bool FeedPerAccount => Scope == MediaScope.LiveEvent;

    public static MediaRoom ForLiveEvent(string twinSpaceId, string eventId, int maxPublishers) =>
        new(twinSpaceId, eventId, eventId, maxPublishers, MediaScope.LiveEvent);
}

namespace ETwinning.Collab.Server.Features.Rooms.Media;

/// <summary>What a media room serves: a live session of a room (everyone may publish) or a live event (its presenters publish).</summary>
public enum MediaScope
{
    RoomSession,
    LiveEvent,
}

namespace ETwinning.Collab.Server.Features.Rooms;

/// <summary>How rooms and their ended sessions are named in a transfer between providers (<see cref="Infrastructure.Storage.IStoreTransfer"/>).</summary>
public static class RoomTransfer
{
    public const string Feature = "rooms";
    public const string Room = "room";
    public const string Session = "room_session";
}

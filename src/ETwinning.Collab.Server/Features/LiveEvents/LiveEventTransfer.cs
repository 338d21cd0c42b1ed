namespace ETwinning.Collab.Server.Features.LiveEvents;

/// <summary>How live event records are named in a transfer between providers (<see cref="Infrastructure.Storage.IStoreTransfer"/>).</summary>
public static class LiveEventTransfer
{
    public const string Feature = "live_events";
    public const string Event = "live_event";
    public const string Registration = "live_registration";
    public const string Poll = "live_poll";
    public const string Vote = "live_vote";
    public const string Question = "live_question";
    public const string Attendance = "live_attendance";
}

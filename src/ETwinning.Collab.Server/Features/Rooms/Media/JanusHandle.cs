namespace ETwinning.Collab.Server.Features.Rooms.Media;

/// <summary>A VideoRoom plugin handle in one Janus session.</summary>
internal readonly record struct JanusHandle(long SessionId, long Id);

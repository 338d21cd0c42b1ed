namespace ETwinning.Collab.Server.Features.Rooms.Media;

/// <summary>An ICE candidate as <c>RTCIceCandidateInit</c> carries it.</summary>
public sealed record MediaCandidate(string Candidate, string? SdpMid, int? SdpMLineIndex);

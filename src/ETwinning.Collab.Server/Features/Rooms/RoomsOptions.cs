using System.ComponentModel.DataAnnotations;

namespace ETwinning.Collab.Server.Features.Rooms;

/// <summary>Limits of rooms, their live sessions and the signalling the hub relays.</summary>
public sealed class RoomsOptions
{
    public const string Section = "Rooms";

    [Range(1, 500)] public int MaxTitleLength { get; set; } = 100;

    [Range(1, 100_000)] public int MaxDescriptionLength { get; set; } = 2_000;

    /// <summary>Seats in a session when the teacher names none (the platform's historical 25).</summary>
    [Range(2, 1_000)] public int DefaultCapacity { get; set; } = 25;

    [Range(2, 1_000)] public int MaxCapacity { get; set; } = 100;

    [Range(1, 10_000)] public int MaxMembers { get; set; } = 500;

    /// <summary>An SDP offer or answer larger than this is refused (real ones are a few KiB).</summary>
    [Range(256, 1_048_576)] public int MaxSdpBytes { get; set; } = 32_768;

    /// <summary>An ICE candidate larger than this is refused (real ones are a few hundred bytes).</summary>
    [Range(64, 65_536)] public int MaxCandidateBytes { get; set; } = 2_048;

    /// <summary>Signalling messages one connection may send per second (candidates come in bursts of a few dozen).</summary>
    [Range(1, 10_000)] public int MaxSignalsPerSecond { get; set; } = 60;

    /// <summary>
    /// A session whose room seats more than this many participants (each a possible video sender) goes through the
    /// media server (SFU) when one is configured; smaller ones are a mesh. Decided once, when the session starts.
    /// </summary>
    [Range(1, 100)] public int MaxMeshVideoSenders { get; set; } = 4;

    /// <summary>A timer a teacher sets on a session is at most this long.</summary>
    [Range(1, 1_440)] public int MaxTimerMinutes { get; set; } = 240;

    /// <summary>A session is split into at most this many breakout groups.</summary>
    [Range(2, 100)] public int MaxBreakoutGroups { get; set; } = 20;

    /// <summary>A teacher's message to every breakout group is at most this long.</summary>
    [Range(1, 10_000)] public int MaxBreakoutMessageLength { get; set; } = 500;

    /// <summary>A session's teachers send a message to every breakout group at most once in this many seconds.</summary>
    [Range(0, 3_600)] public int BreakoutMessageIntervalSeconds { get; set; } = 5;

    /// <summary>How often a session change is retried when another node changed the session at the same moment.</summary>
    [Range(1, 100)] public int MaxStateWriteAttempts { get; set; } = 20;

    /// <summary>
    /// A live session's state expires this long after its last change, so a session whose every node died does not
    /// linger in Redis forever.
    /// </summary>
    [Range(1, 168)] public int SessionStateLifetimeHours { get; set; } = 12;
}

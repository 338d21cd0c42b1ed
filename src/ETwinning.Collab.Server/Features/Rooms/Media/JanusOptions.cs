using System.ComponentModel.DataAnnotations;

namespace ETwinning.Collab.Server.Features.Rooms.Media;

/// <summary>
/// The Janus (1.1, VideoRoom plugin) that large sessions use, reached over its HTTP API. Without <see cref="Url"/>
/// there is no media server and every session is a mesh.
/// </summary>
public sealed class JanusOptions
{
    public const string Section = "Rooms:Media:Janus";

    /// <summary>The HTTP API's base, e.g. <c>http://127.0.0.1:8088/janus</c>; keep it on a private network.</summary>
    public string Url { get; set; } = "";

    /// <summary>
    /// Janus's <c>token_auth_secret</c> (with <c>token_auth = true</c>): every request carries an HMAC-signed token,
    /// so nobody without the secret can use the API. Empty when Janus runs without token authentication.
    /// </summary>
    public string TokenAuthSecret { get; set; } = "";

    /// <summary>Janus's <c>api_secret</c>, when it has one.</summary>
    public string ApiSecret { get; set; } = "";

    /// <summary>The VideoRoom plugin's <c>admin_key</c> (needed to create rooms), when it has one.</summary>
    public string AdminKey { get; set; } = "";

    /// <summary>
    /// The key every media room's secret and pin and every participant's token are derived from (HMAC-SHA256), so
    /// all nodes agree on them without sharing state. At least 32 characters; the same on every node.
    /// </summary>
    public string RoomKey { get; set; } = "";

    /// <summary>How long one call to Janus (including an answer that comes as an event) may take.</summary>
    [Range(1, 120)] public int RequestTimeoutSeconds { get; set; } = 10;

    /// <summary>How often the node's Janus session is kept alive; below Janus's <c>session_timeout</c> (60 by default).</summary>
    [Range(1, 3_600)] public int KeepAliveSeconds { get; set; } = 20;

    /// <summary>A long poll for Janus's events waits this long at most (Janus answers an idle poll after 30).</summary>
    [Range(5, 300)] public int LongPollSeconds { get; set; } = 40;

    /// <summary>How many events one long poll may bring.</summary>
    [Range(1, 1_000)] public int LongPollMaxEvents { get; set; } = 20;

    /// <summary>Lifetime of the signed token this node sends with its requests (renewed at half-time).</summary>
    [Range(60, 86_400)] public int TokenLifetimeSeconds { get; set; } = 3_600;

    /// <summary>Janus rooms cap each publisher's video at this bitrate (0: Janus's default, no cap).</summary>
    [Range(0, 100_000_000)] public int PublisherBitrateBitsPerSecond { get; set; } = 512_000;

    public bool IsEnabled => Url.Length > 0;

    /// <summary>Minimum length of <see cref="RoomKey"/>.</summary>
    public const int MinRoomKeyLength = 32;
}

using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ETwinning.Collab.Server.Features.Rooms.Media;

/// <summary>
/// Everything secret or numeric Janus needs, derived from ids with keyed hashes: every node computes the same room
/// id, secret, pin, participant token and feed id without shared state (keyed by <see cref="MediaRoom.Key"/>), and none of them can be guessed from the ids.
/// </summary>
internal sealed class JanusSecrets(string roomKey)
{
    // Janus ids are JSON numbers; JavaScript (janus.js, the admin pages) reads them exactly only up to 2^53.
    private const ulong MaxJanusId = (1UL << 53) - 1;
    private readonly byte[] _key = Encoding.UTF8.GetBytes(roomKey);

    public ulong RoomId(string sessionId) => Id("room", sessionId);

    /// <summary>A participant's feed: per connection, so a reconnect never collides with the feed it leaves behind.</summary>
    public ulong FeedId(string sessionId, MediaParticipant participant) => Id("feed", sessionId, participant.AccountId, participant.ConnectionId);

    /// <summary>The participant's feed in the room: per connection, or per account where the room says so (<see cref="MediaRoom.FeedPerAccount"/>).</summary>
    public ulong FeedId(MediaRoom room, MediaParticipant participant) =>
        room.FeedPerAccount ? Id("feed", room.Key, participant.AccountId) : FeedId(room.Key, participant);

    public string RoomSecret(string sessionId) => Text("secret", sessionId);

    public string RoomPin(string sessionId) => Text("pin", sessionId);

    /// <summary>The token a participant joins with; the room admits only tokens we added to its allowed list.</summary>
    public string ParticipantToken(string sessionId, string accountId) => Text("token", sessionId, accountId);

    /// <summary>
    /// Janus's signed token (<c>token_auth_secret</c>): <c>expiry,janus,plugin:signature</c>, the signature the base64
    /// HMAC-SHA1 of the part before the colon. SHA-1 because Janus checks it so; it signs a short-lived grant.
    /// </summary>
    public static string CoreToken(string secret, DateTimeOffset expires)
    {
        var data = $"{expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)},janus,{JanusApi.VideoRoomPlugin}";
#pragma warning disable CA5350
        var signature = HMACSHA1.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(data));
#pragma warning restore CA5350
        return $"{data}:{Convert.ToBase64String(signature)}";
    }

    private ulong Id(params string[] parts)
    {
        var id = BinaryPrimitives.ReadUInt64BigEndian(Hash(parts)) & MaxJanusId;
        return id == 0 ? 1 : id;
    }

    private string Text(params string[] parts) => Convert.ToHexString(Hash(parts).AsSpan(0, 24)).ToLowerInvariant();

    private byte[] Hash(string[] parts) => HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(string.Join('\n', parts)));
}

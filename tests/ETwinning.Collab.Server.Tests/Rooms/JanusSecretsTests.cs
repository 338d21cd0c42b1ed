using System.Security.Cryptography;
using System.Text;
using ETwinning.Collab.Server.Features.Rooms.Media;

namespace ETwinning.Collab.Server.Tests.Rooms;

public sealed class JanusSecretsTests
{
    private const string Key = "a-room-key-of-at-least-thirty-two-characters";

    [Fact]
    public void Every_node_with_the_same_key_derives_the_same_room_and_nobody_without_it_can()
    {
        var nodeA = new JanusSecrets(Key);
        var nodeB = new JanusSecrets(Key);
        var outsider = new JanusSecrets(Key + "!");

        Assert.Equal(nodeA.RoomId("s1"), nodeB.RoomId("s1"));
        Assert.Equal(nodeA.RoomPin("s1"), nodeB.RoomPin("s1"));
        Assert.Equal(nodeA.RoomSecret("s1"), nodeB.RoomSecret("s1"));
        Assert.NotEqual(nodeA.RoomPin("s1"), outsider.RoomPin("s1"));
        Assert.NotEqual(nodeA.ParticipantToken("s1", "a1"), outsider.ParticipantToken("s1", "a1"));
        Assert.NotEqual(nodeA.RoomId("s1"), nodeA.RoomId("s2"));
        Assert.NotEqual(nodeA.RoomPin("s1"), nodeA.RoomSecret("s1"));
        Assert.NotEqual(nodeA.ParticipantToken("s1", "a1"), nodeA.ParticipantToken("s1", "a2"));
    }

    [Fact]
    public void A_reconnect_publishes_a_new_feed_and_ids_stay_exact_in_JavaScript()
    {
        var secrets = new JanusSecrets(Key);
        var first = secrets.FeedId("s1", new MediaParticipant("a1", "connection-1"));
        var again = secrets.FeedId("s1", new MediaParticipant("a1", "connection-2"));

        Assert.NotEqual(first, again);
        Assert.All(new[] { first, again, secrets.RoomId("s1") }, id => Assert.InRange(id, 1UL, (1UL << 53) - 1));
    }

    [Fact]
    public void The_signed_token_is_what_Janus_checks_expiry_realm_plugin_and_HMAC_SHA1()
    {
        var expires = DateTimeOffset.FromUnixTimeSeconds(1_900_000_000);

        var token = JanusSecrets.CoreToken("janus-secret", expires);

        var (data, signature) = (token[..token.IndexOf(':', StringComparison.Ordinal)], token[(token.IndexOf(':', StringComparison.Ordinal) + 1)..]);
        Assert.Equal("1900000000,janus,janus.plugin.videoroom", data);
#pragma warning disable CA5350
        Assert.Equal(Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes("janus-secret"), Encoding.UTF8.GetBytes(data))), signature);
#pragma warning restore CA5350
    }
}

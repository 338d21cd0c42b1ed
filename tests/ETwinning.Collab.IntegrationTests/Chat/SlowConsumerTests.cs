using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using ETwinning.Collab.Client;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.IntegrationTests.Infrastructure;

namespace ETwinning.Collab.IntegrationTests.Chat;

public sealed class SlowConsumerTests
{
    private const string General = "general";
    private const char RecordSeparator = '\u001e';
    private const int Messages = 1000;

    [Fact]
    public async Task A_member_whose_connection_stopped_reading_does_not_hold_up_everyone_else_in_the_channel()
    {
        await using var server = await CollabServer.StartAsync(new Dictionary<string, string?>
        {
            ["Chat:MessageBurst"] = "1000000",
            ["Chat:MessagesPerMinute"] = "6000000",
            // The stalled member is not dropped for silence during the test: its connection stays, full and unread.
            ["Realtime:ClientTimeoutSeconds"] = "600",
        });
        await using var scenario = await TwinSpaceScenario.CreateAsync(server);
        var listener = await scenario.ConnectAsync(scenario.Founder);
        var heard = new EventRecorder<ChatMessageView>();
        listener.ChatMessageReceived += heard.Record;
        await listener.OpenChatChannelAsync(scenario.Id, General);

        // A member on a stalled network: the channel is open, then nothing is read any more. 1,000 messages of 3.9 KB
        // are more than the kernel's buffers take on loopback (the server's send queue stopped near 2.8 MB here), so
        // the server's writes to this member stay pending.
        using var stalled = await OpenStalledConsumerAsync(server, scenario.Founder.AccessToken, scenario.Id);

        var text = new string('w', 3_900);
        for (var i = 0; i < Messages; i++) await scenario.FounderHub.SendChatMessageAsync(scenario.Id, General, $"m{i}", $"{i} {text}");

        // Everyone else hears every message, live, while the stalled member's connection holds its backlog.
        await heard.WaitForAsync(m => m.ClientMessageId == $"m{Messages - 1}", TimeSpan.FromSeconds(60));
        Assert.Equal(Messages, heard.Seen.Select(m => m.ClientMessageId).Distinct().Count());
    }

    /// <summary>Joins and opens the channel over a raw WebSocket with a 4 KiB receive buffer, then never reads again.</summary>
    private static async Task<ClientWebSocket> OpenStalledConsumerAsync(CollabServer server, string accessToken, string twinSpaceId)
    {
        var socket = new ClientWebSocket();
        using var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var tcp = new Socket(SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4_096, NoDelay = true };
                await tcp.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(tcp, ownsSocket: true);
            },
        };
        using var invoker = new HttpMessageInvoker(handler, disposeHandler: false);
        var url = new UriBuilder(server.BaseUrl)
        {
            Scheme = "ws", Path = HubNames.TwinSpaceHubPath, Query = $"access_token={Uri.EscapeDataString(accessToken)}",
        };
        await socket.ConnectAsync(url.Uri, invoker, CancellationToken.None).WithTimeout();
        await SendAsync(socket, "{\"protocol\":\"json\",\"version\":1}");
        await ReceiveUntilAsync(socket, "{}");
        await SendAsync(socket, $"{{\"type\":1,\"invocationId\":\"1\",\"target\":\"JoinTwinSpace\",\"arguments\":[\"{twinSpaceId}\"]}}");
        await ReceiveUntilAsync(socket, "\"invocationId\":\"1\"");
        await SendAsync(socket, $"{{\"type\":1,\"invocationId\":\"2\",\"target\":\"OpenChatChannel\",\"arguments\":[\"{twinSpaceId}\",\"{General}\"]}}");
        await ReceiveUntilAsync(socket, "\"invocationId\":\"2\"");
        return socket;
    }

    private static Task SendAsync(ClientWebSocket socket, string json) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(json + RecordSeparator), WebSocketMessageType.Text, true, CancellationToken.None).WithTimeout();

    private static async Task ReceiveUntilAsync(ClientWebSocket socket, string expected)
    {
        var buffer = new byte[64 * 1024];
        var text = new StringBuilder();
        while (!text.ToString().Contains(expected, StringComparison.Ordinal))
        {
            var result = await socket.ReceiveAsync(buffer, CancellationToken.None).WithTimeout();
            text.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
        }
    }
}

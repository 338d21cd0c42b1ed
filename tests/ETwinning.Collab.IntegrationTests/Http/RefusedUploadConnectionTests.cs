using System.Net.Sockets;
using System.Text;
using ETwinning.Collab.IntegrationTests.Infrastructure;
using ETwinning.Collab.TestSupport;

namespace ETwinning.Collab.IntegrationTests.Http;

/// <summary>
/// A refused upload must cost the server nothing more: the answer says <c>Connection: close</c> and the server
/// closes instead of reading (draining) the rest of the body. Spoken over a raw socket, so nothing between the test
/// and the server hides a header or stops sending on its own.
/// </summary>
public sealed class RefusedUploadConnectionTests
{
    /// <summary>Far more than loopback socket buffers hold (a few MiB), far less than the declared body.</summary>
    private const long MostBytesASocketBuffers = 32L * 1024 * 1024;

    [Fact]
    public async Task An_image_declared_over_its_limit_is_answered_413_with_connection_close_and_the_rest_is_not_read()
    {
        // Default limits: images 10 MiB, uploads 100 MiB. A 90 MiB "image" passes Kestrel's body limit and is refused
        // by the image limit once its first bytes are sniffed, so it is the server's own refusal that must cut it off.
        await using var server = await CollabServer.StartAsync();
        await using var scenario = await TwinSpaceScenario.CreateAsync(server);
        const long declared = 90L * 1024 * 1024;

        using var client = new TcpClient();
        await client.ConnectAsync(server.BaseUrl.Host, server.BaseUrl.Port).WithTimeout();
        var stream = client.GetStream();
        var head = $"POST /api/twinspaces/{scenario.Id}/materials?name=huge.jpg HTTP/1.1\r\nHost: {server.BaseUrl.Authority}\r\n"
            + $"Authorization: Bearer {scenario.Founder.AccessToken}\r\nContent-Type: application/octet-stream\r\nContent-Length: {declared}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head)).AsTask().WithTimeout();

        long sent = 0;
        var body = Task.Run(async () =>
        {
            var chunk = new byte[64 * 1024];
            TestImages.PlainJpeg(32, 32).CopyTo(chunk, 0);
            try
            {
                while (sent < declared)
                {
                    await stream.WriteAsync(chunk);
                    Interlocked.Add(ref sent, chunk.Length);
                    if (sent == chunk.Length) Array.Clear(chunk);
                }
            }
            catch (IOException) { /* the server closed the connection: what we want */ }
        });

        var response = await ReadUntilClosedAsync(stream).WithTimeout(TimeSpan.FromSeconds(30));
        await body.WithTimeout(TimeSpan.FromSeconds(30));

        Assert.StartsWith("HTTP/1.1 413", response, StringComparison.Ordinal);
        Assert.Contains("\r\nConnection: close\r\n", response, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("\"code\":\"too_large\"", response, StringComparison.Ordinal);
        Assert.True(Interlocked.Read(ref sent) < MostBytesASocketBuffers,
            $"the server took {Interlocked.Read(ref sent):N0} bytes of a body it had refused (declared {declared:N0})");
    }

    /// <summary>Everything the server sends until it closes the connection (an orderly close or a reset).</summary>
    private static async Task<string> ReadUntilClosedAsync(NetworkStream stream)
    {
        var received = new MemoryStream();
        var buffer = new byte[16 * 1024];
        try
        {
            int n;
            while ((n = await stream.ReadAsync(buffer)) > 0) received.Write(buffer, 0, n);
        }
        catch (IOException) when (received.Length > 0) { /* reset after the answer: closed as well */ }
        return Encoding.ASCII.GetString(received.ToArray());
    }
}

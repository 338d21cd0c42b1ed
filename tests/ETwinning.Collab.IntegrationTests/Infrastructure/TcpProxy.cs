using System.Net;
using System.Net.Sockets;

namespace ETwinning.Collab.IntegrationTests.Infrastructure;

/// <summary>
/// A loopback TCP relay in front of a server, so a test can drop every live connection at once (as a flaky
/// network would) while the server stays up and clients reconnect through the relay.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Uri _target;
    private readonly Lock _gate = new();
    private readonly List<TcpClient> _open = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;

    public TcpProxy(Uri target)
    {
        _target = target;
        _listener.Start();
        Url = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");
        _acceptLoop = AcceptAsync();
    }

    public Uri Url { get; }

    /// <summary>While true, new connections are closed as soon as they arrive: the network is down.</summary>
    public bool Refusing { get; set; }

    /// <summary>How many times <see cref="DropAll"/> cut something.</summary>
    public int Drops { get; private set; }

    /// <summary>Resets every relayed connection (new ones are still accepted).</summary>
    public void DropAll()
    {
        lock (_gate)
        {
            foreach (var client in _open)
            {
                // Linger 0 makes Dispose send a reset, as a broken network does, instead of a polite close.
                try { client.Client?.LingerState = new LingerOption(true, 0); }
                catch (ObjectDisposedException) { }
                catch (SocketException) { }
                client.Dispose();
            }
            if (_open.Count > 0) Drops++;
            _open.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        DropAll();
        try { await _acceptLoop.WithTimeout(); } catch (OperationCanceledException) { } catch (SocketException) { } catch (ObjectDisposedException) { }
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var inbound = await _listener.AcceptTcpClientAsync(_stop.Token);
            if (Refusing)
            {
                inbound.Client.LingerState = new LingerOption(true, 0);
                inbound.Dispose();
                continue;
            }
            var outbound = new TcpClient();
            await outbound.ConnectAsync(_target.Host, _target.Port, _stop.Token);
            lock (_gate) _open.AddRange([inbound, outbound]);
            _ = PumpAsync(inbound, outbound);
            _ = PumpAsync(outbound, inbound);
        }
    }

    private static async Task PumpAsync(TcpClient from, TcpClient to)
    {
        try { await from.GetStream().CopyToAsync(to.GetStream()); }
        catch (IOException) { }
        catch (ObjectDisposedException) { }
        catch (InvalidOperationException) { }
        finally
        {
            from.Dispose();
            to.Dispose();
        }
    }
}

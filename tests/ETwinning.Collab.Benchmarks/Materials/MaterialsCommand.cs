using System.Collections.Concurrent;
using System.Diagnostics;
using ETwinning.Collab.Benchmarks.Commands;
using ETwinning.Collab.Client;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NetVips;

namespace ETwinning.Collab.Benchmarks.Materials;

/// <summary>
/// The materials pipeline end to end on a real server (Kestrel on loopback, real hub events): 12-megapixel JPEG
/// uploads with 1 and 2 at a time until every MaterialReady arrived, and one 100 MB upload. Reports images per
/// second (each: decode, autorotate, re-encode without metadata, 320 and 1280 px WebP thumbnails) and the
/// peak resident memory of the process while it ran, sampled every 20 ms.
/// </summary>
internal sealed class MaterialsCommand : IBenchmarkCommand
{
    private const int Width = 4_000;
    private const int Height = 3_000;

    public string Usage => "[images-per-run=12] (12-megapixel JPEG thumbnails at 1 and 2 concurrent uploads; 100 MB upload throughput)";

    public int Run(string[] args) => RunAsync(args.Length > 0 ? int.Parse(args[0]) : 12).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(int imagesPerRun)
    {
        var folder = Directory.CreateTempSubdirectory("materials-bench-");
        try
        {
            Console.WriteLine($"machine: {Environment.ProcessorCount} cores, libvips {NetVips.NetVips.Version(0)}.{NetVips.NetVips.Version(1)}.{NetVips.NetVips.Version(2)}, .NET {Environment.Version}");
            var photos = Enumerable.Range(0, imagesPerRun).Select(i => WritePhoto(folder.FullName, i)).ToList();
            Console.WriteLine($"input: {imagesPerRun} JPEGs of {Width}x{Height} ({Width * Height / 1e6:0} MP), {photos.Average(p => new FileInfo(p).Length) / 1e6:0.0} MB each on average");
            var video = WriteVideo(folder.FullName, 100_000_000);

            foreach (var concurrency in new[] { 1, 2 })
            {
                await using var server = await BenchServer.StartAsync(Path.Combine(folder.FullName, $"data-{concurrency}"), concurrency);
                var (elapsed, peakMb) = await PeakDuring(() => server.UploadAllAsync(photos, concurrency));
                Console.WriteLine($"thumbnails, {concurrency} concurrent upload(s) and {concurrency} worker(s): {imagesPerRun} images in {elapsed.TotalSeconds:0.00} s = " +
                    $"{imagesPerRun / elapsed.TotalSeconds:0.00} images/s ({2 * imagesPerRun / elapsed.TotalSeconds:0.00} thumbnails/s), peak RSS {peakMb}");
            }

            await using (var server = await BenchServer.StartAsync(Path.Combine(folder.FullName, "data-video"), 1))
            {
                var (elapsed, peakMb) = await PeakDuring(() => server.UploadFileAsync(video));
                Console.WriteLine($"upload 100 MB video: {elapsed.TotalSeconds:0.00} s = {100 / elapsed.TotalSeconds:0} MB/s, peak RSS {peakMb}");
            }
            return 0;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task<(TimeSpan Elapsed, string Peak)> PeakDuring(Func<Task> work)
    {
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var before = process.WorkingSet64;
        long peak = 0;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                process.Refresh();
                peak = Math.Max(peak, process.WorkingSet64);
                try { await Task.Delay(20, sampling.Token); } catch (OperationCanceledException) { }
            }
        });
        var stopwatch = Stopwatch.StartNew();
        await work();
        stopwatch.Stop();
        await sampling.CancelAsync();
        await sampler;
        // Resident memory is never handed back to the system promptly (allocator arenas), so the absolute peak
        // includes earlier runs; what the run itself added is the honest number.
        return (stopwatch.Elapsed, $"{peak / 1048576.0:0} MB (+{(peak - before) / 1048576.0:0} MB over the {before / 1048576.0:0} MB resident before the run)");
    }

    private static string WritePhoto(string folder, int seed)
    {
        // A photo stand-in: smooth gradients plus sensor-like noise compress like camera JPEGs (a few MB at q90).
        using var xyz = Image.Xyz(Width, Height);
        using var noise = Image.Gaussnoise(Width, Height, sigma: 6, mean: 0, seed: seed);
        using var red = xyz[0] * (255.0 / Width) + noise;
        using var green = xyz[1] * (255.0 / Height) + noise;
        using var blue = (xyz[0] + xyz[1]) * (127.0 / Width) + noise;
        using var photo = red.Bandjoin(green, blue).Cast(Enums.BandFormat.Uchar);
        var path = Path.Combine(folder, $"photo-{seed}.jpg");
        photo.Jpegsave(path, q: 90);
        return path;
    }

    private static string WriteVideo(string folder, long size)
    {
        var path = Path.Combine(folder, "clip.mp4");
        using var file = File.Create(path);
        var chunk = new byte[1 << 20];
        new Random(7).NextBytes(chunk);
        chunk.AsSpan().Replace((byte)'P', (byte)'p');
        // ftyp, then one mdat box holding the rest: a well-formed MP4 as far as the upload checks look.
        byte[] header = [0, 0, 0, 0x18, .. "ftypmp42"u8.ToArray(), 0, 0, 0, 0, .. "mp42isom"u8.ToArray(), 0, 0, 0, 0, .. "mdat"u8.ToArray()];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(24), (uint)(size - 24));
        header.CopyTo(chunk, 0);
        for (long written = 0; written < size; written += chunk.Length)
            file.Write(chunk, 0, (int)Math.Min(chunk.Length, size - written));
        return path;
    }

    /// <summary>The real server with a teacher connected to a TwinSpace, as a browser would be.</summary>
    private sealed class BenchServer : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly HttpClient _http;
        private readonly TwinSpaceConnection _hub;
        private readonly TokenPair _tokens;
        private readonly string _twinSpaceId;
        private readonly ConcurrentDictionary<string, TaskCompletionSource> _pending = new();

        private BenchServer(WebApplication app, HttpClient http, TwinSpaceConnection hub, TokenPair tokens, string twinSpaceId)
        {
            (_app, _http, _hub, _tokens, _twinSpaceId) = (app, http, hub, tokens, twinSpaceId);
            hub.MaterialReady += m => Complete(m.Id, null);
            hub.MaterialFailed += f => Complete(f.MaterialId, f.Reason);
        }

        public static async Task<BenchServer> StartAsync(string dataDirectory, int workers)
        {
            var app = CollabApp.Build(["--environment=Production"], builder =>
            {
                builder.WebHost.UseUrls("http://127.0.0.1:0");
                builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["Storage:DataDirectory"] = dataDirectory,
                    ["Accounts:AutoValidateTeachers"] = "true",
                    ["Demo:Enabled"] = "false",
                    ["RateLimits:LoginPermitsPerAddressPerMinute"] = "1000",
                    ["Materials:MaxImageBytes"] = (30 * 1024 * 1024).ToString(),
                    ["Materials:ProcessingConcurrency"] = workers.ToString(),
                });
                builder.Logging.ClearProviders();
            });
            await app.StartAsync();
            var baseUrl = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
            var http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromMinutes(10) };
            var api = new CollabApiClient(http);
            var email = $"bench.{Guid.NewGuid():N}@school.test";
            await api.RegisterTeacherAsync(new RegisterTeacherRequest(email, "correct-horse-battery", "Benchmark teacher", "AT"));
            var tokens = await api.LoginAsync(new LoginRequest(email, "correct-horse-battery"));
            var hub = new TwinSpaceConnection(baseUrl, () => Task.FromResult<string?>(tokens.AccessToken));
            await hub.StartAsync();
            var twinSpace = await hub.CreateTwinSpaceAsync("Benchmark");
            await hub.JoinTwinSpaceAsync(twinSpace.Id);
            return new BenchServer(app, http, hub, tokens, twinSpace.Id);
        }

        /// <summary>Uploads every photo, <paramref name="concurrency"/> at a time, and waits until each is ready.</summary>
        public async Task UploadAllAsync(IReadOnlyList<string> photos, int concurrency)
        {
            var files = new MaterialsHttpClient(_http);
            var waits = new ConcurrentBag<Task>();
            await Parallel.ForEachAsync(photos, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (photo, cancellationToken) =>
            {
                await using var stream = File.OpenRead(photo);
                var material = await files.UploadAsync(_tokens.AccessToken, _twinSpaceId, stream, Path.GetFileName(photo), cancellationToken: cancellationToken);
                waits.Add(_pending.GetOrAdd(material.Id, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).Task);
            });
            await Task.WhenAll(waits).WaitAsync(TimeSpan.FromMinutes(10));
        }

        public async Task UploadFileAsync(string path)
        {
            await using var stream = File.OpenRead(path);
            var material = await new MaterialsHttpClient(_http).UploadAsync(_tokens.AccessToken, _twinSpaceId, stream, Path.GetFileName(path));
            if (material.Status != MaterialStatus.Ready) throw new InvalidOperationException("The video was not stored.");
        }

        public async ValueTask DisposeAsync()
        {
            await _hub.DisposeAsync();
            _http.Dispose();
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        private void Complete(string materialId, string? failure)
        {
            var completion = _pending.GetOrAdd(materialId, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));
            if (failure is null) completion.TrySetResult();
            else completion.TrySetException(new InvalidOperationException(failure));
        }
    }
}

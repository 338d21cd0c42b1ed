using ETwinning.Collab.Client;
using ETwinning.Collab.IntegrationTests.Infrastructure;
using ETwinning.Collab.Server.Features.Materials;
using ETwinning.Collab.Server.Infrastructure.Blobs;
using ETwinning.Collab.Server.Infrastructure.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace ETwinning.Collab.IntegrationTests.Materials;

/// <summary>One server with small limits (so limit tests move kilobytes, not megabytes) for the materials tests.</summary>
public sealed class MaterialsFixture : IAsyncLifetime
{
    public const long MaxImageBytes = 1_000_000;
    public const long MaxFileBytes = 300_000;
    public const long QuotaBytes = 700_000;

    public CollabServer Server { get; private set; } = null!;

    public MaterialsHttpClient Files { get; private set; } = null!;

    public string TempDirectory => Server.Services.GetRequiredService<LiteDbBlobStore>().TempDirectory;

    public string IncomingDirectory => Server.Services.GetRequiredService<MaterialProcessingQueue>().IncomingDirectory;

    public string BlobDirectory => Server.Services.GetRequiredService<DatabaseFiles>().BlobDirectory;

    public IBlobStore Blobs => Server.Services.GetRequiredService<IBlobStore>();

    public async Task InitializeAsync()
    {
        Server = await CollabServer.StartAsync(new Dictionary<string, string?>
        {
            ["Materials:MaxImageBytes"] = MaxImageBytes.ToString(),
            ["Materials:MaxFileBytes"] = MaxFileBytes.ToString(),
            ["Materials:MaxVideoBytes"] = MaxFileBytes.ToString(),
            ["Materials:QuotaBytesPerTwinSpace"] = QuotaBytes.ToString(),
        });
        Files = new MaterialsHttpClient(Server.Http);
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();

    /// <summary>Blob files on disk (not the temporary folder).</summary>
    public IReadOnlyList<string> BlobFiles() =>
        Directory.EnumerateFiles(BlobDirectory, "*", SearchOption.AllDirectories).Where(f => !f.StartsWith(TempDirectory, StringComparison.Ordinal)).ToList();
}

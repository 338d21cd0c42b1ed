using System.Threading.Channels;
using ETwinning.Collab.Server.Infrastructure.Storage;
using Microsoft.Extensions.Options;

namespace ETwinning.Collab.Server.Features.Materials;

/// <summary>
/// Images waiting for processing: a bounded channel, so a burst of uploads waits in line instead of decoding
/// everything at once. Raw uploads wait in <c>data/materials-incoming/&lt;twinSpaceId&gt;.&lt;materialId&gt;</c>,
/// so a restart picks them up again.
/// </summary>
public sealed class MaterialProcessingQueue
{
    private readonly Channel<MaterialJob> _jobs;

    public MaterialProcessingQueue(IOptions<MaterialsOptions> options, DataFolder data)
    {
        _jobs = Channel.CreateBounded<MaterialJob>(new BoundedChannelOptions(options.Value.ProcessingQueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
        });
        IncomingDirectory = Path.Combine(data.Path, "materials-incoming");
        Directory.CreateDirectory(IncomingDirectory);
    }

    public string IncomingDirectory { get; }

    public ChannelReader<MaterialJob> Reader => _jobs.Reader;

    public string IncomingPath(string twinSpaceId, string materialId) => Path.Combine(IncomingDirectory, $"{twinSpaceId}.{materialId}");

    /// <summary>False when the queue is full.</summary>
    public bool TryEnqueue(MaterialJob job) => _jobs.Writer.TryWrite(job);

    /// <summary>Waits for room (used at start-up to re-queue what a restart interrupted).</summary>
    public ValueTask EnqueueAsync(MaterialJob job, CancellationToken cancellationToken) => _jobs.Writer.WriteAsync(job, cancellationToken);
}

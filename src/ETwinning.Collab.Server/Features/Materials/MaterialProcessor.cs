using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.Rooms;
using ETwinning.Collab.Server.Infrastructure.Blobs;
using ETwinning.Collab.Server.Infrastructure.Errors;
using ETwinning.Collab.Server.Infrastructure.Images;
using Microsoft.Extensions.Options;

namespace ETwinning.Collab.Server.Features.Materials;

/// <summary>
/// Processes uploaded images off the request path: N workers (<see cref="MaterialsOptions.ProcessingConcurrency"/>)
/// take jobs from the queue, run the pipeline, store the re-encoded original and the thumbnails as blobs and tell
/// members <c>MaterialReady</c>; or, when the image turns out damaged, remove the material and tell them
/// <c>MaterialFailed</c>. The raw upload is deleted either way: it is the one file that still has the metadata.
/// </summary>
public sealed partial class MaterialProcessor(
    MaterialProcessingQueue queue, IMaterialStore store, MaterialChanges changes, IBlobStore blobs, ImagePipeline pipeline, ImageProcessingSlots slots,
    MaterialViews views, IMaterialsNotifier notifier, RoomVisibility rooms, IOptions<MaterialsOptions> options, ILogger<MaterialProcessor> logger)
    : BackgroundService
{
    private readonly MaterialsOptions _options = options.Value;
    private string[] _interrupted = [];

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Taken before the server listens: every file here is from before the restart, none is a new upload.
        _interrupted = Directory.GetFiles(queue.IncomingDirectory);
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var workers = Enumerable.Range(0, _options.ProcessingConcurrency).Select(_ => RunWorkerAsync(stoppingToken)).ToList();
        await RequeueInterruptedAsync(stoppingToken).ConfigureAwait(false);
        await Task.WhenAll(workers).ConfigureAwait(false);
    }

    /// <summary>Processes one job; public so tests and the benchmark can drive the pipeline without the queue.</summary>
    public async Task ProcessAsync(MaterialJob job, CancellationToken cancellationToken)
    {
        try
        {
            var material = await store.FindAsync(job.TwinSpaceId, job.MaterialId, cancellationToken).ConfigureAwait(false);
            if (material is null || material.Status != MaterialStatus.Processing) return;
            var format = FormatOf(material.ContentType);
            var limits = new ImageLimits(_options.MaxImagePixels, _options.MaxAnimationPixels);
            int[] edges = [_options.ThumbnailPixels, _options.PreviewPixels];
            ProcessedImage processed;
            try
            {
                processed = await slots.RunAsync(() => pipeline.Process(job.IncomingPath, format, limits, edges, blobs.NewTempPath), cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (ImageRejectedException rejected)
            {
                await FailAsync(material, rejected.Reason == ImageRejection.TooManyPixels ? ErrorCodes.TooLarge : ErrorCodes.Invalid, rejected.Message)
                    .ConfigureAwait(false);
                return;
            }
            await StoreAsync(material, processed).ConfigureAwait(false);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            LogFault(error, job.MaterialId);
            var material = await store.FindAsync(job.TwinSpaceId, job.MaterialId, CancellationToken.None).ConfigureAwait(false);
            if (material is not null) await FailAsync(material, ErrorCodes.Internal, "The image could not be processed.").ConfigureAwait(false);
        }
        finally
        {
            File.Delete(job.IncomingPath);
        }
    }

    private async Task StoreAsync(Material material, ProcessedImage processed)
    {
        var outputs = new[] { (Variant: MaterialVariant.Original, Output: processed.Original) }
            .Concat(processed.Thumbnails.Select(t => (Variant: t.MaxEdge == _options.ThumbnailPixels ? MaterialVariant.Thumbnail : MaterialVariant.Preview, Output: t)))
            .ToList();
        var stored = new List<(MaterialVariant Variant, ImageOutput Output, string Sha256, long Size)>();
        try
        {
            foreach (var (variant, output) in outputs)
            {
                var (sha256, size) = await HashingFile.HashAsync(output.Path).ConfigureAwait(false);
                await blobs.AddAsync(output.Path, sha256, size).ConfigureAwait(false);
                stored.Add((variant, output, sha256, size));
            }
        }
        finally
        {
            foreach (var (_, output) in outputs) File.Delete(output.Path);
        }
        // Applied to the material as stored now, so a rename made while the image was processed is kept. A material
        // that is no longer processing (deleted meanwhile) does not want this result.
        var readyNow = false;
        Material? ready = null;
        try
        {
            ready = await changes.ChangeAsync(material.TwinSpaceId, material.Id, current =>
            {
                readyNow = current.Status == MaterialStatus.Processing;
                return readyNow ? Ready(current, processed, stored) : current;
            }).ConfigureAwait(false);
        }
        finally
        {
            // Not stored (deleted meanwhile, or every try lost its race): give the references back.
            if (ready is null || !readyNow)
                foreach (var (_, _, sha256, _) in stored) await blobs.ReleaseAsync(sha256).ConfigureAwait(false);
        }
        if (ready is not null && readyNow)
            await notifier.ReadyAsync(views.View(ready), await rooms.AudienceOfCollectionAsync(ready.TwinSpaceId, ready.CollectionId).ConfigureAwait(false)).ConfigureAwait(false);
    }

    private static Material Ready(
        Material material, ProcessedImage processed, List<(MaterialVariant Variant, ImageOutput Output, string Sha256, long Size)> stored)
    {
        var original = stored[0];
        return material with
        {
            Status = MaterialStatus.Ready,
            Sha256 = original.Sha256,
            SizeBytes = original.Size,
            Width = original.Output.Width,
            Height = original.Output.Height,
            Animated = processed.Animated,
            Variants = stored.Skip(1).Select(s => new StoredVariant
            {
                Variant = s.Variant, Sha256 = s.Sha256, ContentType = s.Output.ContentType,
                SizeBytes = s.Size, Width = s.Output.Width, Height = s.Output.Height,
            }).ToList(),
        };
    }

    private async Task FailAsync(Material material, string code, string reason)
    {
        await store.DeleteAsync(material.TwinSpaceId, material.Id, CancellationToken.None).ConfigureAwait(false);
        await notifier.FailedAsync(new MaterialFailedEvent(material.TwinSpaceId, material.Id, material.UploadedBy, code, reason),
            await rooms.AudienceOfCollectionAsync(material.TwinSpaceId, material.CollectionId).ConfigureAwait(false)).ConfigureAwait(false);
    }

    private async Task RunWorkerAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var job in queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
                await ProcessAsync(job, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: unprocessed uploads stay in the incoming folder for the next start.
        }
    }

    private async Task RequeueInterruptedAsync(CancellationToken stoppingToken)
    {
        foreach (var path in _interrupted)
        {
            var parts = Path.GetFileName(path).Split('.');
            if (parts.Length == 2) await queue.EnqueueAsync(new MaterialJob(parts[0], parts[1], path), stoppingToken).ConfigureAwait(false);
            else File.Delete(path);
        }
    }

    private static ImageFormat FormatOf(string contentType) => contentType switch
    {
        "image/jpeg" => ImageFormat.Jpeg,
        "image/png" => ImageFormat.Png,
        "image/gif" => ImageFormat.Gif,
        "image/webp" => ImageFormat.WebP,
        _ => throw new InvalidOperationException($"{contentType} is not an image type."),
    };

    [LoggerMessage(EventId = 400, Level = LogLevel.Error, Message = "Processing material {MaterialId} failed")]
    private partial void LogFault(Exception error, string materialId);
}

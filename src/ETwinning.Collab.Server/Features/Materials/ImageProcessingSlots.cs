using Microsoft.Extensions.Options;

namespace ETwinning.Collab.Server.Features.Materials;

/// <summary>
/// Bounds how many images are decoded at once (each holds a decoded image in memory), shared by the material
/// workers and avatar uploads so neither can starve the machine.
/// </summary>
public sealed class ImageProcessingSlots(IOptions<MaterialsOptions> options) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(options.Value.ProcessingConcurrency, options.Value.ProcessingConcurrency);

    /// <summary>Runs CPU-bound work on the thread pool once a slot is free.</summary>
    public async Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try { return await Task.Run(work, cancellationToken).ConfigureAwait(false); }
        finally { _slots.Release(); }
    }

    public void Dispose() => _slots.Dispose();
}

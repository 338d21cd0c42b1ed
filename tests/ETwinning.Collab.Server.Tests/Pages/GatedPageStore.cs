using ETwinning.Collab.Server.Features.Pages;

namespace ETwinning.Collab.Server.Tests.Pages;

/// <summary>A page store whose reads of page bodies wait until the test opens the gate, and that counts them.</summary>
internal sealed class GatedPageStore(IPageStore inner) : IPageStore
{
    private TaskCompletionSource _gate = Opened();
    private int _logReads;

    public int LogReads => Volatile.Read(ref _logReads);

    /// <summary>A body read has started and waits at the gate.</summary>
    public TaskCompletionSource ReadStarted { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Close()
    {
        _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        ReadStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public void Open() => _gate.TrySetResult();

    public async ValueTask<PageDocumentHead?> HeadAsync(string twinSpaceId, string pageId, CancellationToken cancellationToken = default)
    {
        ReadStarted.TrySetResult();
        await _gate.Task.WaitAsync(cancellationToken);
        return await inner.HeadAsync(twinSpaceId, pageId, cancellationToken);
    }

    public async ValueTask<IReadOnlyList<PageUpdateRecord>> LogAsync(string twinSpaceId, string pageId, long afterSequence = 0, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _logReads);
        await _gate.Task.WaitAsync(cancellationToken);
        return await inner.LogAsync(twinSpaceId, pageId, afterSequence, cancellationToken);
    }

    public ValueTask<IReadOnlyList<Page>> PagesAsync(string twinSpaceId, CancellationToken cancellationToken = default) => inner.PagesAsync(twinSpaceId, cancellationToken);
    public ValueTask<Page?> FindAsync(string twinSpaceId, string pageId, CancellationToken cancellationToken = default) => inner.FindAsync(twinSpaceId, pageId, cancellationToken);
    public Task AddAsync(Page page, CancellationToken cancellationToken = default) => inner.AddAsync(page, cancellationToken);
    public Task UpdateAsync(Page page, CancellationToken cancellationToken = default) => inner.UpdateAsync(page, cancellationToken);
    public Task UpdateManyAsync(string twinSpaceId, IReadOnlyCollection<Page> pages, CancellationToken cancellationToken = default) =>
        inner.UpdateManyAsync(twinSpaceId, pages, cancellationToken);
    public Task<long> AppendAsync(string twinSpaceId, string pageId, byte[] update, DateTime at, CancellationToken cancellationToken = default) =>
        inner.AppendAsync(twinSpaceId, pageId, update, at, cancellationToken);
    public Task<bool> TryReplaceSnapshotAsync(string twinSpaceId, string pageId, byte[] snapshot, long compactedThrough, long expectedCompactedThrough,
        CancellationToken cancellationToken = default) =>
        inner.TryReplaceSnapshotAsync(twinSpaceId, pageId, snapshot, compactedThrough, expectedCompactedThrough, cancellationToken);
    public Task AddVersionAsync(string twinSpaceId, PageVersion version, CancellationToken cancellationToken = default) =>
        inner.AddVersionAsync(twinSpaceId, version, cancellationToken);
    public Task AddAutomaticVersionAsync(string twinSpaceId, PageVersion version, int keep, CancellationToken cancellationToken = default) =>
        inner.AddAutomaticVersionAsync(twinSpaceId, version, keep, cancellationToken);
    public ValueTask<IReadOnlyList<PageVersion>> VersionsAsync(string twinSpaceId, string pageId, CancellationToken cancellationToken = default) =>
        inner.VersionsAsync(twinSpaceId, pageId, cancellationToken);
    public ValueTask<PageVersion?> FindVersionAsync(string twinSpaceId, string pageId, string versionId, CancellationToken cancellationToken = default) =>
        inner.FindVersionAsync(twinSpaceId, pageId, versionId, cancellationToken);

    private static TaskCompletionSource Opened()
    {
        var opened = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        opened.SetResult();
        return opened;
    }
}

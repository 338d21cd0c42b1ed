using System.Collections.Concurrent;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.Pages;

namespace ETwinning.Collab.Server.Tests.Pages;

/// <summary>Keeps what the pages feature would send to clients.</summary>
internal sealed class RecordingPagesNotifier : IPagesNotifier
{
    public ConcurrentQueue<PageUpdateEvent> Updates { get; } = new();
    public ConcurrentQueue<PageAwarenessEvent> Awareness { get; } = new();

    public Task PageTreeChangedAsync(PageTreeEvent change, IReadOnlyList<string>? audience) => Task.CompletedTask;

    public Task PageUpdatedAsync(PageUpdateEvent update, string? exceptConnectionId)
    {
        Updates.Enqueue(update);
        return Task.CompletedTask;
    }

    public Task PageAwarenessAsync(PageAwarenessEvent awareness, string? exceptConnectionId)
    {
        Awareness.Enqueue(awareness);
        return Task.CompletedTask;
    }
}

using ETwinning.Collab.Server.Features.Pages;

namespace ETwinning.Collab.Server.Tests.Pages;

/// <summary>Nodes of the harness share a store but no relay (tests forward updates themselves).</summary>
internal sealed class NoPageRelay : IPageRelay
{
    public Task PublishUpdateAsync(string twinSpaceId, string pageId, long sequence, byte[] update) => Task.CompletedTask;
    public Task PublishAwarenessAsync(string twinSpaceId, string pageId, byte[] awareness) => Task.CompletedTask;
}

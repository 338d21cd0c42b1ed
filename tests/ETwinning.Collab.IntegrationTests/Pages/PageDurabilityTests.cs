using ETwinning.Collab.IntegrationTests.Infrastructure;

namespace ETwinning.Collab.IntegrationTests.Pages;

public sealed class PageDurabilityTests
{
    [Fact]
    public async Task A_killed_server_loses_no_acknowledged_update()
    {
        // A low threshold so that some acknowledged updates sit in a snapshot and others still in the log.
        var settings = new Dictionary<string, string> { ["Pages:CompactAfterUpdates"] = "7" };
        var acknowledged = new System.Collections.Concurrent.ConcurrentBag<string>();
        await using var server = await ServerProcess.StartAsync(settings: settings);
        var founder = await server.NewTeacherAsync();
        string twinSpaceId, pageId;
        await using (var hub = await server.ConnectAsync(founder))
        {
            twinSpaceId = (await hub.CreateTwinSpaceAsync("Crash test")).Id;
            pageId = (await hub.CreatePageAsync(twinSpaceId, "Survivor")).Id;
            // Concurrent editors: their updates share group commits.
            await Task.WhenAll(Enumerable.Range(0, 3).Select(async writer =>
            {
                await using var connection = await server.ConnectAsync(founder);
                var editor = await PageEditor.JoinAsync(connection, twinSpaceId, pageId);
                for (var i = 0; i < 8; i++)
                {
                    await editor.AppendParagraphAsync($"w{writer}-{i}");
                    acknowledged.Add($"w{writer}-{i}");
                }
            }));
            await server.KillAsync();
        }

        await using var restarted = await ServerProcess.StartAsync(server.DataDirectory, settings);
        await using var again = await restarted.ConnectAsync(founder);
        var reader = await PageEditor.JoinAsync(again, twinSpaceId, pageId);
        Assert.Equal(24, acknowledged.Count);
        foreach (var text in acknowledged) Assert.Contains($"<paragraph>{text}</paragraph>", reader.Xml, StringComparison.Ordinal);
        Assert.Equal(24, reader.Document.GetXmlFragment("prosemirror").Length);
    }
}

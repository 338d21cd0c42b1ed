using System.Diagnostics;
using System.Text.Json;
using ETwinning.Collab.Client;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Crdt;
using ETwinning.Collab.IntegrationTests.Infrastructure;
using ETwinning.Collab.IntegrationTests.Pages;
using ETwinning.Collab.Server.Tests.Storage.Postgres;

namespace ETwinning.Collab.IntegrationTests.Storage;

/// <summary>
/// The move from one server on LiteDB to PostgreSQL, as an operator does it: a data directory with the demo TwinSpace
/// and a large one, the built server's <c>storage copy --to Postgres</c> command, then a server on PostgreSQL over the
/// same directory. Members see through the hub what they saw before, and new messages and edits continue the numbers.
/// </summary>
public sealed class StorageCopyCommandTests
{
    private const int ChatMessages = 2_000;
    private const int ForumThreads = 4;
    private const int RepliesPerThread = 50;
    private const int Pages = 50;
    private const int EditsPerPage = 3;

    private static readonly Dictionary<string, string?> Limits = new()
    {
        ["Chat:MessageBurst"] = "100000",
        ["Chat:MessagesPerMinute"] = "6000000",
        ["Forums:PostsPerMinute"] = "10000",
        ["Forums:LikesPerMinute"] = "10000",
    };

    [Fact]
    public async Task The_demo_and_a_large_TwinSpace_move_to_PostgreSQL_and_read_the_same_through_the_hub()
    {
        var data = Directory.CreateTempSubdirectory("collab-migrate-").FullName;
        var database = await (await PostgresServer.Shared).CreateDatabaseAsync();
        string demoSnapshot, largeSnapshot, largeEmail;
        (string Email, string Password) demo;

        string large;
        await using (var lite = await CollabServer.StartAsync(Settings(data, ("Demo:Enabled", "true"))))
        {
            demo = DemoFounder(data);
            largeEmail = await lite.RegisterTeacherAsync();
            large = await GenerateLargeTwinSpaceAsync(lite, largeEmail);
        }
        // Read from a server started on the files: what they hold (a running server may still answer from memory).
        await using (var lite = await CollabServer.StartAsync(Settings(data)))
            (demoSnapshot, largeSnapshot) = (await SnapshotAsync(lite, demo.Email, demo.Password, null), await SnapshotAsync(lite, largeEmail, CollabServer.TeacherPassword, large));

        var copy = await RunCommandAsync(data, database, "storage", "copy", "--to", "Postgres");
        var again = await RunCommandAsync(data, database, "storage", "copy", "--to", "Postgres");
        var resumed = await RunCommandAsync(data, database, "storage", "copy", "--to", "Postgres", "--resume");

        Assert.True(copy.ExitCode == 0, copy.Output);
        Assert.Contains("The same on both sides", copy.Output, StringComparison.Ordinal);
        Assert.Contains(copy.Output.Split('\n'), line => line.TrimStart().StartsWith("chat ", StringComparison.Ordinal) && line.Contains("same", StringComparison.Ordinal));
        Assert.DoesNotContain("DIFFERENT", copy.Output, StringComparison.Ordinal);
        Assert.Contains("Blob content was not copied", copy.Output, StringComparison.Ordinal);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("already holds records", again.Output, StringComparison.Ordinal);
        Assert.True(resumed.ExitCode == 0, resumed.Output);

        await using var postgres = await CollabServer.StartAsync(Settings(data,
            ("Storage:Provider", "Postgres"), ("Storage:Postgres:ConnectionString", database)));
        Assert.Equal(demoSnapshot, await SnapshotAsync(postgres, demo.Email, demo.Password, null));
        Assert.Equal(largeSnapshot, await SnapshotAsync(postgres, largeEmail, CollabServer.TeacherPassword, null));

        // Numbers continue after the copied ones: the next message and the next page update follow the last.
        var hub = await postgres.ConnectAsync(await postgres.Api.LoginAsync(new LoginRequest(largeEmail, CollabServer.TeacherPassword)));
        var twinSpace = (await hub.ListMyTwinSpacesAsync()).Single();
        var sent = await hub.SendChatMessageAsync(twinSpace.Id, ChatChannelGeneral, Guid.NewGuid().ToString("N"), "after the move");
        Assert.Equal(ChatMessages + 1L, sent.Message.Sequence);
        var page = (await hub.ListPagesAsync(twinSpace.Id))[0];
        var editor = await PageEditor.JoinAsync(hub, twinSpace.Id, page.Id);
        var ack = await editor.AppendParagraphAsync("after the move");
        Assert.Equal(editor.Joined.Sequence + 1, ack.Sequence);
    }

    private const string ChatChannelGeneral = "general";

    private static Dictionary<string, string?> Settings(string data, params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string?>(Limits) { ["Storage:DataDirectory"] = data };
        foreach (var (key, value) in extra) settings[key] = value;
        return settings;
    }

    /// <summary>The founder's login that the demo seeder wrote into the data directory.</summary>
    private static (string Email, string Password) DemoFounder(string data)
    {
        var line = File.ReadAllLines(Path.Combine(data, "demo-logins.txt")).Single(l => l.Contains("founder", StringComparison.Ordinal));
        var login = line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Split(" / ", StringSplitOptions.TrimEntries);
        return (login[0], login[1]);
    }

    /// <summary>One TwinSpace with 2,000 chat messages (some edited), 200 forum replies (some liked) and 50 pages with update logs.</summary>
    private static async Task<string> GenerateLargeTwinSpaceAsync(CollabServer server, string email)
    {
        await using var hub = await server.ConnectAsync(await server.Api.LoginAsync(new LoginRequest(email, CollabServer.TeacherPassword)));
        var twinSpace = await hub.CreateTwinSpaceAsync("A large project", "Generated for the migration test.");
        await hub.OpenChatChannelAsync(twinSpace.Id, ChatChannelGeneral);
        foreach (var chunk in Enumerable.Range(1, ChatMessages).Chunk(100))
            await Task.WhenAll(chunk.Select(i => hub.SendChatMessageAsync(twinSpace.Id, ChatChannelGeneral, $"m{i}", $"Message {i} about our river")));
        foreach (var sequence in new long[] { 1, 500, 1_999 })
            await hub.EditChatMessageAsync(twinSpace.Id, ChatChannelGeneral, sequence, $"Edited message {sequence}");
        await hub.ReactToChatMessageAsync(twinSpace.Id, ChatChannelGeneral, 2, "👍");

        var discussion = await hub.CreateForumDiscussionAsync(twinSpace.Id, "Debates", "Where does our water come from?");
        for (var t = 0; t < ForumThreads; t++)
        {
            var thread = await hub.CreateForumThreadAsync(twinSpace.Id, discussion.Id, $"Thread {t}", $"Opening post {t}");
            foreach (var r in Enumerable.Range(1, RepliesPerThread).Chunk(25))
                await Task.WhenAll(r.Select(i => hub.PostForumReplyAsync(twinSpace.Id, thread.Thread.Id, $"Reply {i} in thread {t}")));
            await hub.LikeForumPostAsync(twinSpace.Id, thread.Posts[0].Id);
        }

        for (var p = 0; p < Pages; p++)
        {
            var page = await hub.CreatePageAsync(twinSpace.Id, $"Page {p}", $"About part {p} of the river");
            var editor = await PageEditor.JoinAsync(hub, twinSpace.Id, page.Id);
            for (var e = 0; e < EditsPerPage; e++) await editor.AppendParagraphAsync($"Paragraph {e} of page {p}");
            await hub.LeavePageAsync(twinSpace.Id, page.Id);
        }
        return twinSpace.Id;
    }

    /// <summary>
    /// Everything a member reads through the hub in their TwinSpaces, as JSON: chat channels and every message,
    /// forum discussions, threads and every post, pages and each page's content. Read twice and the second kept,
    /// since the first reading itself may move read markers.
    /// </summary>
    private static async Task<string> SnapshotAsync(CollabServer server, string email, string password, string? onlyTwinSpace)
    {
        await using var hub = await server.ConnectAsync(await server.Api.LoginAsync(new LoginRequest(email, password)));
        await ReadAllAsync(hub, onlyTwinSpace);
        return JsonSerializer.Serialize(await ReadAllAsync(hub, onlyTwinSpace));
    }

    private static async Task<List<object>> ReadAllAsync(TwinSpaceConnection hub, string? onlyTwinSpace)
    {
        var seen = new List<object>();
        foreach (var twinSpace in (await hub.ListMyTwinSpacesAsync()).Where(t => onlyTwinSpace is null || t.Id == onlyTwinSpace).OrderBy(t => t.Id))
        {
            seen.Add(twinSpace);
            foreach (var channel in (await hub.ListChatChannelsAsync(twinSpace.Id)).OrderBy(c => c.Id))
            {
                seen.Add(channel);
                for (long? before = null; ;)
                {
                    var page = await hub.GetChatHistoryAsync(twinSpace.Id, channel.Id, before, 200);
                    seen.AddRange(page.Messages);
                    if (!page.HasMore || page.Messages.Count == 0) break;
                    before = page.Messages.Min(m => m.Sequence);
                }
            }
            foreach (var discussion in (await hub.ListForumDiscussionsAsync(twinSpace.Id)).OrderBy(d => d.Id))
            {
                var threads = await hub.OpenForumDiscussionAsync(twinSpace.Id, discussion.Id, 0, 100);
                seen.Add(threads);
                foreach (var thread in threads.Threads)
                {
                    for (var after = 0; ;)
                    {
                        var posts = await hub.OpenForumThreadAsync(twinSpace.Id, thread.Id, after, 200);
                        seen.AddRange(posts.Posts);
                        if (!posts.HasMore || posts.Posts.Count == 0) break;
                        after = posts.Posts.Max(p => p.Number);
                    }
                    await hub.CloseForumThreadAsync(twinSpace.Id, thread.Id);
                }
                await hub.CloseForumDiscussionAsync(twinSpace.Id, discussion.Id);
            }
            foreach (var page in (await hub.ListPagesAsync(twinSpace.Id)).OrderBy(p => p.Id))
            {
                var joined = await hub.JoinPageAsync(twinSpace.Id, page.Id, new YDoc().EncodeStateVector());
                var document = new YDoc();
                document.ApplyUpdate(joined.Update);
                seen.Add(new { page, joined.Sequence, Body = document.GetXmlFragment("prosemirror").ToXmlString() });
                await hub.LeavePageAsync(twinSpace.Id, page.Id);
            }
        }
        return seen;
    }

    /// <summary>The built server run as the operator runs it, with the settings in its environment.</summary>
    private static async Task<(int ExitCode, string Output)> RunCommandAsync(string data, string database, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet", [ServerProcess.ServerDll, .. arguments])
        {
            WorkingDirectory = Path.GetDirectoryName(ServerProcess.ServerDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["Storage__DataDirectory"] = data;
        start.Environment["Storage__Postgres__ConnectionString"] = database;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WithTimeout(TimeSpan.FromMinutes(5));
        return (process.ExitCode, await output + await errors);
    }
}

using System.Text.RegularExpressions;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.IntegrationTests.Infrastructure;
using ETwinning.Collab.Server.Infrastructure.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace ETwinning.Collab.IntegrationTests.TwinSpaces;

public sealed partial class DemoTests
{
    [Fact]
    public async Task The_demo_creates_two_teachers_from_two_countries_and_pupils_whose_printed_logins_work()
    {
        await using var server = await CollabServer.StartAsync(new Dictionary<string, string?> { ["Demo:Enabled"] = "true" });
        var file = Path.Combine(server.Services.GetRequiredService<DatabaseFiles>().DataDirectory, "demo-logins.txt");
        await Eventually.AssertAsync(() => Assert.True(File.Exists(file)));
        var text = await File.ReadAllTextAsync(file);

        var teachers = TeacherLine().Matches(text);
        Assert.Equal(2, teachers.Count);
        var founder = await server.Api.LoginAsync(new LoginRequest(teachers[0].Groups["email"].Value, teachers[0].Groups["password"].Value));
        var partner = await server.Api.LoginAsync(new LoginRequest(teachers[1].Groups["email"].Value, teachers[1].Groups["password"].Value));
        Assert.NotEqual(founder.Account.Country, partner.Account.Country);

        await using var hub = await server.ConnectAsync(founder);
        var twinSpace = Assert.Single(await hub.ListMyTwinSpacesAsync());
        Assert.Contains(twinSpace.Code, text, StringComparison.Ordinal);
        var snapshot = await hub.JoinTwinSpaceAsync(twinSpace.Id);
        Assert.Contains(snapshot.Members, m => m.AccountId == partner.Account.Id && m.Role == TwinSpaceRole.Teacher);

        var pupils = PupilLine().Matches(text);
        Assert.True(pupils.Count >= 3);
        var pupil = await server.Api.PupilLoginAsync(new PupilLoginRequest(twinSpace.Code, pupils[0].Groups["username"].Value, pupils[0].Groups["password"].Value));
        Assert.Equal(twinSpace.Id, pupil.Account.TwinSpaceId);

        // A project under way, not an empty shell.
        var pages = await hub.ListPagesAsync(twinSpace.Id);
        Assert.True(pages.Count >= 4);
        var rivers = Assert.Single(pages, p => p.Title == "Our rivers");
        Assert.True(pages.Count(p => p.ParentId == rivers.Id) >= 2);
        var welcome = Assert.Single(pages, p => p.Title == "Welcome");
        Assert.Equal((true, PageVisibility.Public), (welcome.IsPublished, welcome.Visibility));
        var body = await Pages.PageEditor.JoinAsync(hub, twinSpace.Id, welcome.Id);
        Assert.Contains("Hello from Graz and Lisbon!", body.Xml, StringComparison.Ordinal);
        Assert.Contains("<image", body.Xml, StringComparison.Ordinal);
        var materials = await hub.ListMaterialsAsync(twinSpace.Id);
        var album = Assert.Single(materials.Collections, c => c.Kind == MaterialCollectionKind.Album);
        Assert.True(materials.Materials.Count(m => m.CollectionId == album.Id && m.Kind == MaterialKind.Image) >= 3);
        var discussion = Assert.Single(await hub.ListForumDiscussionsAsync(twinSpace.Id));
        var threads = await hub.OpenForumDiscussionAsync(twinSpace.Id, discussion.Id);
        Assert.True(Assert.Single(threads.Threads).ReplyCount >= 2);
        Assert.True((await hub.GetChatHistoryAsync(twinSpace.Id, "general")).Messages.Count >= 3);
        Assert.Single(await hub.ListPupilTeamsAsync(twinSpace.Id));
        Assert.True((await hub.ListJournalAsync(twinSpace.Id)).Items.Count >= 2);
        Assert.Single((await hub.ListBulletinAsync(twinSpace.Id)).Items);
    }

    [GeneratedRegex(@"Teacher \([A-Z]{2}.*?\): (?<email>\S+) / (?<password>\S+)")]
    private static partial Regex TeacherLine();

    [GeneratedRegex(@"^\s+\w+: (?<username>[a-z]+\d+) / (?<password>\S+)$", RegexOptions.Multiline)]
    private static partial Regex PupilLine();
}

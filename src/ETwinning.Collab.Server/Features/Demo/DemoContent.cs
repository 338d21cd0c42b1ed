using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.Accounts;
using ETwinning.Collab.Server.Features.Chat;
using ETwinning.Collab.Server.Features.Forums;
using ETwinning.Collab.Server.Features.Materials;
using ETwinning.Collab.Server.Features.Pages;
using ETwinning.Collab.Server.Features.TwinSpaces.Permissions;
using ETwinning.Collab.Server.Features.TwinSpaces.Teams;
using ETwinning.Collab.Server.Features.Updates;

namespace ETwinning.Collab.Server.Features.Demo;

/// <summary>
/// What makes the demo TwinSpace look lived in: pages with sub-pages and pictures, an album, a forum discussion with
/// replies, chat messages, a pupil team, journal entries and a bulletin note. Everything goes through the feature
/// services with each author's own permissions, as if the people had done it in the web client.
/// </summary>
internal sealed class DemoContent(
    PermissionGuard guard, PageTreeService pages, LivePageService livePages, MaterialService materials,
    ForumService forums, ChatMessageService chat, PupilTeamService teams, UpdateService updates)
{
    /// <param name="pupils">Fox, Owl, Otter, Lynx in that order (Owl is made a pupil administrator before).</param>
    public async Task CreateAsync(string twinSpaceId, CallerIdentity founder, CallerIdentity partner, IReadOnlyList<CallerIdentity> pupils,
        CancellationToken cancellationToken)
    {
        async Task<MemberContext> As(CallerIdentity who, TwinSpaceAction action) => await guard.DemandAsync(who, twinSpaceId, action, cancellationToken);
        var (fox, owl, otter) = (pupils[0], pupils[1], pupils[2]);

        // Pictures first: the pages show them. Images are processed in the background; their routes are known now.
        var album = await materials.CreateCollectionAsync(await As(founder, TwinSpaceAction.UploadMaterials),
            new(MaterialCollectionKind.Album, "Our rivers in pictures", "Drawn by both classes."), cancellationToken);
        var river = await UploadAsync(await As(founder, TwinSpaceAction.UploadMaterials), album.Id, "The river Mur", DemoPictures.River(), cancellationToken);
        var town = await UploadAsync(await As(partner, TwinSpaceAction.UploadMaterials), album.Id, "Lisbon by the Tagus", DemoPictures.Town(), cancellationToken);
        var glass = await UploadAsync(await As(fox, TwinSpaceAction.UploadMaterials), album.Id, "A glass of tap water", DemoPictures.WaterGlass(), cancellationToken);

        var admin = await As(founder, TwinSpaceAction.CreatePages);
        var welcome = await pages.CreateAsync(admin, new("Welcome", "Who we are and what we do together."), cancellationToken);
        await WriteAsync(twinSpaceId, welcome.Id, body => body
            .Heading("Hello from Graz and Lisbon!")
            .Paragraph("Two classes, two rivers, one question: ", "where does our water come from?")
            .Picture(twinSpaceId, river.Id, "A river between green banks under a sunny sky")
            .Bullets("We meet in the chat every Friday.", "We write the pages together, in English.", "We vote on the best water poster."));
        await pages.SetStateAsync(admin, welcome.Id, new(true, PageVisibility.Public), cancellationToken);

        var rivers = await pages.CreateAsync(admin, new("Our rivers", "The rivers of our two towns."), cancellationToken);
        await WriteAsync(twinSpaceId, rivers.Id, body => body
            .Paragraph("Each team writes about the river of its town. Add what you find out!")
            .Quote("Water is life. - our motto"));
        await pages.SetStateAsync(admin, rivers.Id, new(true, PageVisibility.Members), cancellationToken);
        var mur = await pages.CreateAsync(admin, new("The Mur in Graz", null, rivers.Id), cancellationToken);
        await WriteAsync(twinSpaceId, mur.Id, body => body
            .Heading("The Mur")
            .Paragraph("The Mur flows through the middle of Graz. Our drinking water comes from the ground, not from the river.")
            .Picture(twinSpaceId, river.Id, "The river Mur, drawn by our class"));
        await pages.SetStateAsync(admin, mur.Id, new(true, PageVisibility.Members), cancellationToken);
        var tagus = await pages.CreateAsync(admin, new("The Tagus in Lisbon", null, rivers.Id), cancellationToken);
        await WriteAsync(twinSpaceId, tagus.Id, body => body
            .Heading("The Tagus")
            .Paragraph("The Tagus is the longest river of the Iberian Peninsula. Lisbon's water comes from a lake behind a dam.")
            .Picture(twinSpaceId, town.Id, "Houses of Lisbon by the river"));
        await pages.SetStateAsync(admin, tagus.Id, new(true, PageVisibility.Members), cancellationToken);
        var timeline = await pages.CreateAsync(admin, new("Timeline", "Our plan, month by month (draft)."), cancellationToken);
        await WriteAsync(twinSpaceId, timeline.Id, body => body
            .Numbered("October: introduce ourselves", "November: measure our water", "December: compare and vote", "January: publish the results")
            .Picture(twinSpaceId, glass.Id, "A glass of tap water on a table"));

        // A team of pupils from both schools writes the Tagus page.
        var team = await teams.SaveAsync(await As(founder, TwinSpaceAction.ManagePupils), new(null, "River team", [fox.AccountId, otter.AccountId]));
        await pages.AssignTeamsAsync(admin, tagus.Id, [team.Id], cancellationToken);

        var discussion = await forums.CreateDiscussionAsync(await As(founder, TwinSpaceAction.CreateForumDiscussion),
            new("Bottled or tap water?", "Our first debate. Give **reasons**!", null), cancellationToken);
        var thread = await forums.CreateThreadAsync(await As(partner, TwinSpaceAction.CreateForumThread),
            new(discussion.Id, "Which water do you drink at home?", "At our school in Lisbon most of us drink tap water. And you?", null), cancellationToken);
        await forums.ReplyAsync(await As(fox, TwinSpaceAction.ReplyInForum), new(thread.Thread.Id, "Tap water! It is **cheap** and there is no plastic.", null, null), cancellationToken);
        await forums.ReplyAsync(await As(owl, TwinSpaceAction.ReplyInForum), new(thread.Thread.Id, "My family buys bottles, but I want to try the tap water test.", null, null), cancellationToken);
        await forums.ReplyAsync(await As(founder, TwinSpaceAction.ReplyInForum), new(thread.Thread.Id, "Good idea, Owl: we test it in the lab next week.", null, null), cancellationToken);

        var messages = new (CallerIdentity Who, string Text)[]
        {
            (founder, "Good morning, Lisbon! Ready for our first chat?"),
            (partner, "Bom dia, Graz! We are all here."),
            (fox, "Hello! In Graz it is raining today."),
            (otter, "In Lisbon it is sunny and 22 degrees!"),
        };
        for (var i = 0; i < messages.Length; i++)
        {
            await chat.SendAsync(await As(messages[i].Who, TwinSpaceAction.WriteChat),
                new(ChatChannel.GeneralId, $"demo-{i}", messages[i].Text), cancellationToken);
        }

        await updates.PostAsync(await As(founder, TwinSpaceAction.PostJournal), UpdateKind.Journal,
            new("demo-journal-1", "We started!", "Both classes introduced themselves in the chat and on the Welcome page."), cancellationToken);
        await updates.PostAsync(await As(owl, TwinSpaceAction.PostJournal), UpdateKind.Journal,
            new("demo-journal-2", "Our album", "We drew our rivers. Look at the album in Materials!"), cancellationToken);
        await updates.PostAsync(await As(partner, TwinSpaceAction.PostBulletin), UpdateKind.Bulletin,
            new("demo-bulletin-1", "Lab day", "Shall we both do the water test on the same day? Tuesday suits my class."), cancellationToken);
    }

    private async Task<MaterialView> UploadAsync(MemberContext member, string albumId, string title, byte[] png, CancellationToken cancellationToken)
    {
        await using var body = new MemoryStream(png, writable: false);
        return await materials.UploadAsync(member, new($"{title}.png", albumId, title, null), body, png.Length, cancellationToken);
    }

    private Task<long> WriteAsync(string twinSpaceId, string pageId, Action<DemoPageBody> write) =>
        livePages.EditAsync(twinSpaceId, pageId, document => document.Transact(_ => write(new DemoPageBody(document))));
}

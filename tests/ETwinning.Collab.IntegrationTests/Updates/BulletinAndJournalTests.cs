using ETwinning.Collab.Client;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.IntegrationTests.Infrastructure;
using ETwinning.Collab.IntegrationTests.TwinSpaces;

namespace ETwinning.Collab.IntegrationTests.Updates;

/// <summary>
/// The Teacher bulletin and the Project journal over the real SignalR client: who reads and writes each, live events
/// to exactly the readers, retries with the same client id, edits and deletes by author or teacher administrator, paging,
/// the archive, and messages in the language the connection asked for.
/// </summary>
public sealed class BulletinAndJournalTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);

    [Fact]
    public async Task Only_teachers_read_and_write_the_bulletin_and_only_they_get_its_events()
    {
        await using var scenario = await TwinSpaceScenario.CreateAsync(fixture.Server);
        var (_, teacher) = await scenario.AddTeacherAsync(TwinSpaceRole.Teacher);
        var (_, expert) = await scenario.AddTeacherAsync(TwinSpaceRole.Expert);
        var (_, _, pupil) = await scenario.AddPupilAsync("Fox", administrator: true);
        var teacherEvents = new EventRecorder<UpdateChangedEvent>();
        var pupilEvents = new EventRecorder<UpdateChangedEvent>();
        teacher.BulletinPostChanged += teacherEvents.Record;
        pupil.BulletinPostChanged += pupilEvents.Record;
        await teacher.JoinTwinSpaceAsync(scenario.Id);
        await pupil.JoinTwinSpaceAsync(scenario.Id);

        var note = await scenario.FounderHub.PostBulletinAsync(scenario.Id, "Meeting on Friday", "Plan the river walk?");

        var seen = await teacherEvents.WaitForAsync(e => e.Item.Sequence == note.Sequence);
        Assert.Equal((UpdateChange.Posted, "Meeting on Friday"), (seen.Change, seen.Item.Title));
        Assert.Equal([note], (await teacher.ListBulletinAsync(scenario.Id)).Items);
        foreach (var outsider in new[] { expert, pupil })
        {
            Assert.Equal("forbidden", (await Assert.ThrowsAsync<CollabHubException>(() => outsider.ListBulletinAsync(scenario.Id))).Code);
            Assert.Equal("forbidden", (await Assert.ThrowsAsync<CollabHubException>(() => outsider.PostBulletinAsync(scenario.Id, "Hi", "Hi"))).Code);
        }
        // The founder's second note reaches the teacher; had the pupil been sent the first, it would be queued by now.
        await scenario.FounderHub.PostBulletinAsync(scenario.Id, "Second", "Text");
        await teacherEvents.WaitForAsync(e => e.Item.Title == "Second");
        Assert.Empty(pupilEvents.Seen);
    }

    [Fact]
    public async Task Pupil_administrators_write_the_journal_every_member_reads_it_live_and_pupils_cannot_write()
    {
        await using var scenario = await TwinSpaceScenario.CreateAsync(fixture.Server);
        var (_, _, admin) = await scenario.AddPupilAsync("Owl", administrator: true);
        var (_, _, fox) = await scenario.AddPupilAsync("Fox");
        var (_, observer) = await scenario.AddTeacherAsync(TwinSpaceRole.Observer);
        var events = new EventRecorder<UpdateChangedEvent>();
        fox.JournalEntryChanged += events.Record;
        await fox.JoinTwinSpaceAsync(scenario.Id);

        var entry = await admin.PostJournalEntryAsync(scenario.Id, "We measured the river", "It was 12 degrees.\nCold!");

        Assert.Equal(("Owl", 1L), (entry.AuthorName, entry.Sequence));
        Assert.Equal("It was 12 degrees.\nCold!", (await events.WaitForAsync(e => e.Item.Id == entry.Id)).Item.Text);
        Assert.Equal([entry], (await observer.ListJournalAsync(scenario.Id)).Items);
        Assert.Equal("forbidden", (await Assert.ThrowsAsync<CollabHubException>(() => fox.PostJournalEntryAsync(scenario.Id, "Me", "Too"))).Code);
        Assert.Equal("forbidden", (await Assert.ThrowsAsync<CollabHubException>(() => observer.PostJournalEntryAsync(scenario.Id, "Me", "Too"))).Code);
    }

    [Fact]
    public async Task A_retry_returns_the_stored_entry_and_pages_go_newest_first()
    {
        await using var scenario = await TwinSpaceScenario.CreateAsync(fixture.Server);
        var hub = scenario.FounderHub;

        var first = await hub.PostJournalEntryAsync(scenario.Id, "One", "1", clientId: "retry-me");
        var retry = await hub.PostJournalEntryAsync(scenario.Id, "One again", "1", clientId: "retry-me");
        for (var i = 2; i <= 5; i++) await hub.PostJournalEntryAsync(scenario.Id, $"Entry {i}", "text");

        Assert.Equal(first, retry);
        var newest = await hub.ListJournalAsync(scenario.Id, limit: 2);
        Assert.Equal([5L, 4L], newest.Items.Select(e => e.Sequence));
        Assert.True(newest.HasMore);
        var rest = await hub.ListJournalAsync(scenario.Id, beforeSequence: 4, limit: 10);
        Assert.Equal([3L, 2L, 1L], rest.Items.Select(e => e.Sequence));
        Assert.False(rest.HasMore);
    }

    [Fact]
    public async Task Authors_edit_and_delete_their_entries_teacher_administrators_any_and_others_none()
    {
        await using var scenario = await TwinSpaceScenario.CreateAsync(fixture.Server);
        var (_, teacher) = await scenario.AddTeacherAsync(TwinSpaceRole.Teacher);
        var (_, other) = await scenario.AddTeacherAsync(TwinSpaceRole.Teacher);
        var note = await teacher.PostBulletinAsync(scenario.Id, "Draft", "Text");

        var edited = await teacher.EditBulletinAsync(scenario.Id, note.Sequence, "Final", "Better text");
        var refused = await Assert.ThrowsAsync<CollabHubException>(() => other.EditBulletinAsync(scenario.Id, note.Sequence, "Mine", "Mine"));
        var deleted = await scenario.FounderHub.DeleteBulletinAsync(scenario.Id, note.Sequence);

        Assert.Equal(("Final", "Better text"), (edited.Title, edited.Text));
        Assert.NotNull(edited.EditedAt);
        Assert.Equal("forbidden", refused.Code);
        Assert.True(deleted.IsDeleted);
        Assert.Empty((await teacher.ListBulletinAsync(scenario.Id)).Items);
        Assert.Equal("not_found", (await Assert.ThrowsAsync<CollabHubException>(() => teacher.DeleteBulletinAsync(scenario.Id, note.Sequence))).Code);
    }

    [Fact]
    public async Task Input_is_checked_the_word_list_applies_to_the_journal_and_archives_are_read_only()
    {
        await using var scenario = await TwinSpaceScenario.CreateAsync(fixture.Server);
        var hub = scenario.FounderHub;
        await hub.SetChatWordListAsync(scenario.Id, new WordFilterRule("stupid", WordFilterAction.Block));

        Assert.Equal("invalid", (await Assert.ThrowsAsync<CollabHubException>(() => hub.PostJournalEntryAsync(scenario.Id, "", "Text"))).Code);
        Assert.Equal("invalid", (await Assert.ThrowsAsync<CollabHubException>(() => hub.PostJournalEntryAsync(scenario.Id, "Title", " "))).Code);
        Assert.Equal("invalid", (await Assert.ThrowsAsync<CollabHubException>(() => hub.PostJournalEntryAsync(scenario.Id, "Title", new string('x', 4_001)))).Code);
        var words = await Assert.ThrowsAsync<CollabHubException>(() => hub.PostJournalEntryAsync(scenario.Id, "A stupid idea", "Text"));
        Assert.Equal("invalid", words.Code);

        await hub.ArchiveTwinSpaceAsync(scenario.Id);
        Assert.Equal("read_only", (await Assert.ThrowsAsync<CollabHubException>(() => hub.PostBulletinAsync(scenario.Id, "Late", "Text"))).Code);
        Assert.Empty((await hub.ListBulletinAsync(scenario.Id)).Items);
    }

    [Fact]
    public async Task Refusals_come_in_the_language_of_the_connection_with_the_same_code()
    {
        await using var scenario = await TwinSpaceScenario.CreateAsync(fixture.Server);
        var (credentials, tokens, fox) = await scenario.AddPupilAsync("Fox");
        await using var polish = await fixture.Server.ConnectAsync(tokens, language: "pl");

        var english = await Assert.ThrowsAsync<CollabHubException>(() => fox.PostJournalEntryAsync(scenario.Id, "Me", "Too"));
        var translated = await Assert.ThrowsAsync<CollabHubException>(() => polish.PostJournalEntryAsync(scenario.Id, "Me", "Too"));
        Assert.Equal(("forbidden", "Your role in this TwinSpace does not allow this."), (english.Code, english.Message));
        Assert.Equal(("forbidden", "Twoja rola w tym TwinSpace na to nie pozwala."), (translated.Code, translated.Message));
        Assert.NotNull(credentials);

        using var german = new HttpClient { BaseAddress = fixture.Server.BaseUrl };
        german.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de-AT");
        var response = await german.PostAsync("api/auth/login", System.Net.Http.Json.JsonContent.Create(new { email = "nobody@example.org", password = "wrong-password-here" }));
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("\"code\":\"unauthorized\"", body, StringComparison.Ordinal);
        Assert.Contains("E-Mail oder Passwort ist falsch.", body, StringComparison.Ordinal);
    }
}

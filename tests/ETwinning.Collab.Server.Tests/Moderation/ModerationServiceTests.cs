using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.Accounts;
using ETwinning.Collab.Server.Features.Audit;
using ETwinning.Collab.Server.Features.Moderation;
using ETwinning.Collab.Server.Features.TwinSpaces;
using ETwinning.Collab.Server.Features.TwinSpaces.Permissions;
using ETwinning.Collab.Server.Infrastructure.Errors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ETwinning.Collab.Server.Tests.Moderation;

/// <summary>The shared mechanism with a made-up content kind, as the Forums feature would use it.</summary>
public sealed class ModerationServiceTests : IAsyncLifetime
{
    private readonly TestStorage _storage = new();
    private readonly RecordingContent _posts = new();
    private ModerationService _service = null!;
    private LiteDbAuditLog _audit = null!;

    public Task InitializeAsync()
    {
        _audit = new LiteDbAuditLog(_storage.Files);
        var services = new ServiceCollection().AddSingleton<IModeratedContent>(_posts).BuildServiceProvider();
        _service = new ModerationService(new LiteDbModerationStore(_storage.Files), _audit, services,
            Options.Create(new ModerationOptions { WordListCacheSeconds = 0 }), TimeProvider.System);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _storage.DisposeAsync();

    [Fact]
    public async Task Screening_uses_the_TwinSpace_list_and_the_queue_resolves_through_the_content_kind()
    {
        var moderator = Moderator("ts1");
        await _service.SetWordListAsync(moderator, [new WordFilterRule("secret", WordFilterAction.HoldForReview)]);
        Assert.Equal(ScreenOutcome.Held, (await _service.ScreenAsync("ts1", "a SECRET plan")).Outcome);
        Assert.Equal(ScreenOutcome.Allowed, (await _service.ScreenAsync("ts2", "a secret plan")).Outcome);

        var content = new ContentRef("forum.post", "thread1", "post7");
        await _service.HoldAsync("ts1", content, "pupil1", "Fox", "a secret plan", ["secret"]);
        var reported = await _service.ReportAsync(Moderator("ts1", "reporter"), content, "pupil1", "Fox", "a secret plan", "odd");
        var item = Assert.Single(await _service.ReviewQueueAsync("ts1", "forum.post", openOnly: true, null));
        Assert.Equal(reported.Id, item.Id);
        Assert.Empty(await _service.ReviewQueueAsync("ts1", "chat.message", openOnly: true, null));

        var wrongKind = await Assert.ThrowsAsync<CollabException>(() => _service.ResolveAsync(moderator, item.Id, ReviewDecision.Remove, null, "chat.message"));
        Assert.Equal(ErrorCodes.NotFound, wrongKind.Code);
        await _service.ResolveAsync(moderator, item.Id, ReviewDecision.Remove, "not for school", "forum.post");
        Assert.Equal([("remove", "post7", "not for school")], _posts.Calls);
        Assert.Empty(await _service.ReviewQueueAsync("ts1", null, openOnly: true, null));
        Assert.Equal(
            [ModerationAuditActions.ContentRemoved, ModerationAuditActions.ContentReported, ModerationAuditActions.ContentHeld, ModerationAuditActions.WordListChanged],
            (await _audit.ReadAsync("ts1", null, 10)).Select(e => e.Action));
    }

    [Fact]
    public async Task Mutes_expire_and_are_per_scope()
    {
        var moderator = Moderator("ts1");
        await _service.MuteAsync(moderator, "forum:thread1", "pupil1", 5, "cool down");
        Assert.NotNull(await _service.ActiveMuteAsync("ts1", "forum:thread1", "pupil1"));
        Assert.Null(await _service.ActiveMuteAsync("ts1", "forum:thread2", "pupil1"));
        Assert.Null(await _service.ActiveMuteAsync("ts1", "forum:thread1", "pupil2"));
        await _service.UnmuteAsync(moderator, "forum:thread1", "pupil1");
        Assert.Null(await _service.ActiveMuteAsync("ts1", "forum:thread1", "pupil1"));
        Assert.Equal(ErrorCodes.Invalid, (await Assert.ThrowsAsync<CollabException>(() => _service.MuteAsync(moderator, "s", "pupil1", 0, "x"))).Code);
    }

    [Fact]
    public async Task Mutes_kept_in_memory_match_the_file_after_a_restart_and_an_idle_close()
    {
        var moderator = Moderator("ts1");
        await _service.MuteAsync(moderator, "chat:general", "pupil1", 30, "cool down");
        await _service.MuteAsync(moderator, "chat:general", "pupil2", 30, "cool down");
        await _service.UnmuteAsync(moderator, "chat:general", "pupil2");

        await _storage.RestartAsync();
        var store = new LiteDbModerationStore(_storage.Files);
        Assert.Equal("cool down", (await store.FindMuteAsync("ts1", "chat:general", "pupil1"))?.Reason);
        Assert.Null(await store.FindMuteAsync("ts1", "chat:general", "pupil2"));

        Assert.True(_storage.Files.ForTwinSpace("ts1").CloseIfIdle(TimeSpan.Zero));
        await store.RemoveMuteAsync("ts1", "chat:general", "pupil1");
        Assert.Null(await store.FindMuteAsync("ts1", "chat:general", "pupil1"));
    }

    private static MemberContext Moderator(string twinSpaceId, string accountId = "teacher1") => new(
        new CallerIdentity(accountId, AccountKind.Teacher, accountId, null),
        new TwinSpace { Id = twinSpaceId, Code = "CODE", Title = "t", CreatedBy = accountId },
        new Membership { Id = $"{twinSpaceId}:{accountId}", TwinSpaceId = twinSpaceId, AccountId = accountId, Role = TwinSpaceRole.Teacher, Kind = AccountKind.Teacher, DisplayName = accountId });

    private sealed class RecordingContent : IModeratedContent
    {
        public List<(string Decision, string ContentId, string Reason)> Calls { get; } = [];

        public string Kind => "forum.post";

        public Task ApproveAsync(string twinSpaceId, ContentRef content, string moderatorId)
        {
            Calls.Add(("approve", content.ContentId, ""));
            return Task.CompletedTask;
        }

        public Task RemoveAsync(string twinSpaceId, ContentRef content, string moderatorId, string reason)
        {
            Calls.Add(("remove", content.ContentId, reason));
            return Task.CompletedTask;
        }
    }
}

using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.Accounts;
using ETwinning.Collab.Server.Features.Audit;
using ETwinning.Collab.Server.Features.Chat;
using ETwinning.Collab.Server.Features.Forums;
using ETwinning.Collab.Server.Features.Pages;
using ETwinning.Collab.Server.Features.Moderation;
using ETwinning.Collab.Server.Features.Storage;
using ETwinning.Collab.Server.Features.TwinSpaces;
using ETwinning.Collab.Server.Features.Updates;
using ETwinning.Collab.Server.Infrastructure.Blobs;
using ETwinning.Collab.Server.Infrastructure.Storage;
using ETwinning.Collab.Server.Tests.Storage.Contracts;

namespace ETwinning.Collab.Server.Tests.Storage.Transfer;

/// <summary>
/// Copying between two providers (<see cref="IStoreTransfer"/>, <see cref="StorageCopy"/>), written once for any pair:
/// every record arrives as it was, the stores of the target find and continue it, a copy that stopped halfway completes
/// when run again, and the verification notices a record that differs. Each direction is one subclass.
/// </summary>
public abstract class StoreTransferTests : IAsyncLifetime
{
    private IStoreProvider? _source;
    private IStoreProvider? _target;

    protected abstract Task<IStoreProvider> OpenSourceAsync();

    protected abstract Task<IStoreProvider> OpenTargetAsync();

    /// <summary>Record kinds the seed writes; each must come out of the source's export (so no comparison is vacuous).</summary>
    private static IReadOnlyList<string> SeededKinds =>
    [
        ChatTransfer.Channel, ChatTransfer.Message, ChatTransfer.PendingHold, ChatTransfer.ReadMarker,
        ForumTransfer.Discussion, ForumTransfer.Thread, ForumTransfer.Post, ForumTransfer.Revision, ForumTransfer.Like, ForumTransfer.ReadMarker,
        PageTransfer.Page, PageTransfer.Head, PageTransfer.Update, PageTransfer.Version, Server.Features.Rooms.RoomTransfer.Room,
        Server.Features.Rooms.RoomTransfer.Session, Server.Features.LiveEvents.LiveEventTransfer.Event, Server.Features.LiveEvents.LiveEventTransfer.Registration,
        Server.Features.LiveEvents.LiveEventTransfer.Poll, Server.Features.LiveEvents.LiveEventTransfer.Vote, Server.Features.LiveEvents.LiveEventTransfer.Question,
        Server.Features.LiveEvents.LiveEventTransfer.Attendance,
        AccountTransfer.Teacher, AccountTransfer.Pupil, AccountTransfer.RefreshToken,
        TwinSpaceTransfer.TwinSpace, TwinSpaceTransfer.Membership, TwinSpaceTransfer.PupilTeam, TwinSpaceTransfer.Invitation,
        AuditTransfer.Entry, ModerationTransfer.WordList, ModerationTransfer.ReviewItem, ModerationTransfer.Mute, UpdateTransfer.Entry,
        Server.Features.Materials.MaterialTransfer.Collection, Server.Features.Materials.MaterialTransfer.Material,
        Server.Features.Materials.MaterialTransfer.Avatar, BlobTransfer.Blob,
    ];

    protected IStoreProvider Source => _source ?? throw new InvalidOperationException("Not open.");

    protected IStoreProvider Target => _target ?? throw new InvalidOperationException("Not open.");

    protected StorageCopy Copy(TextWriter? output = null) => new(Transfers(Source), Transfers(Target), output ?? TextWriter.Null);

    public async Task InitializeAsync()
    {
        _source = await OpenSourceAsync();
        _target = await OpenTargetAsync();
    }

    public async Task DisposeAsync()
    {
        if (_source is not null) await _source.DisposeAsync();
        if (_target is not null) await _target.DisposeAsync();
    }

    [Fact]
    public async Task Every_record_of_every_feature_arrives_as_it_was()
    {
        await SeedAsync();

        await Copy().CopyAsync();

        var before = await ExportAsync(Source);
        var after = await ExportAsync(Target);
        Assert.Equal(Transfers(Source).Select(t => t.Feature).Order(), Transfers(Target).Select(t => t.Feature).Order());
        Assert.All(SeededKinds, kind => Assert.Contains(before.Values.SelectMany(r => r), text => text.StartsWith(kind + "\n", StringComparison.Ordinal)));
        foreach (var (feature, records) in before) Assert.Equal(records, after[feature]);
    }

    [Fact]
    public async Task The_targets_stores_find_the_copied_records_by_their_keys()
    {
        var (seed, _, _) = await SeedAsync();

        await Copy().CopyAsync();

        var teacher = await Target.Get<IAccountStore>().FindTeacherByEmailAsync(seed.TeacherEmail);
        Assert.Equal(seed.TeacherId, teacher?.Id);
        var pupil = await Target.Get<IAccountStore>().FindPupilByUsernameAsync(seed.TwinSpaceId, seed.PupilUsername);
        Assert.Equal((seed.PupilId, 0, TransferSeed.At.AddMinutes(15)), (pupil?.Id, pupil?.FailedLogins, pupil?.LockedUntil));
        // The teacher's one copied wrong password counts on: the next makes two.
        Assert.Equal(2, (await Target.Get<IAccountStore>().RecordFailedLoginAsync(AccountKind.Teacher, seed.TeacherId, 3, TransferSeed.At))?.FailedLogins);
        Assert.Equal(seed.TwinSpaceId, (await Target.Get<ITwinSpaceStore>().FindByCodeAsync(seed.Code))?.Id);
        var membership = await Target.Get<ITwinSpaceStore>().FindMembershipAsync(seed.TwinSpaceId, seed.PupilId);
        Assert.Single(membership!.TeamIds);
        Assert.Equal(2, (await Target.Get<ITwinSpaceStore>().TwinSpacesOfAsync(seed.TeacherId)).Count);
        Assert.Equal("calm down", (await Target.Get<IModerationStore>().FindMuteAsync(seed.TwinSpaceId, "chat", seed.PupilId))?.Reason);
        Assert.True(await Target.Get<IModerationStore>().HasOpenReviewItemAsync(seed.TwinSpaceId, "chat/c1/m2"));
        Assert.False(await Target.Get<IModerationStore>().HasOpenReviewItemAsync(seed.TwinSpaceId, "chat/c1/m1"));
        Assert.Equal(2, await Target.Get<IBlobStore>().ReferencesAsync(seed.SharedBlob));
    }

    [Fact]
    public async Task Appends_after_the_copy_continue_after_the_highest_copied_number()
    {
        var (seed, threadId, pageId) = await SeedAsync();

        await Copy().CopyAsync();
        await Target.Get<IAuditLog>().AppendAsync(seed.TwinSpaceId, AuditEntry.Of(TransferSeed.At, seed.TeacherId, "Ana (PT)", AuditActions.RoleChanged, null, "new"));
        var journal = await Target.Get<IUpdateStore>().AppendAsync(TransferSeed.Update(seed.TwinSpaceId, UpdateKind.Journal, seed.TeacherId, "new"));
        var edited = await Target.Get<IUpdateStore>().FindAsync(seed.TwinSpaceId, UpdateKind.Journal, 1);

        var newest = await Target.Get<IAuditLog>().ReadAsync(seed.TwinSpaceId, null, 10);
        Assert.Equal(("new", TransferSeed.AuditEntries + 1L), (newest[0].Detail, newest[0].Id));
        Assert.Equal(Enumerable.Range(1, TransferSeed.AuditEntries + 1).Select(i => (long)i).Reverse(), newest.Select(e => e.Id));
        Assert.Equal(TransferSeed.JournalEntries + 1L, journal.Sequence);
        Assert.Equal(("edited", 2L), (edited?.Text, edited?.Version));
        Assert.NotNull(await Target.Get<IUpdateStore>().TryReplaceAsync(edited! with { Text = "again" }, expectedVersion: 2));

        var chat = Target.Get<IChatStore>();
        var channel = await chat.FindChannelAsync(seed.TwinSpaceId, LiveFeatureSeed.Channel);
        var sent = await chat.AppendAsync(seed.TwinSpaceId, new ChatMessage
        {
            ChannelId = LiveFeatureSeed.Channel, ClientMessageId = "after", AuthorId = seed.TeacherId, AuthorName = "Ana (PT)", Text = "after the copy", SentAt = TransferSeed.At,
        });
        var retried = await chat.AppendAsync(seed.TwinSpaceId, sent.Message with { Sequence = 0, Version = 0 });
        var toEdit = (await chat.FindMessageAsync(seed.TwinSpaceId, LiveFeatureSeed.Channel, 3))!;
        var editedMessage = await chat.TryReplaceMessageAsync(seed.TwinSpaceId, toEdit with { Text = "edited after the copy" }, toEdit.Version);
        var history = await chat.BeforeAsync(seed.TwinSpaceId, LiveFeatureSeed.Channel, long.MaxValue, 500);
        Assert.Equal(channel!.LastSequence + 1, sent.Message.Sequence);
        Assert.True(retried.Duplicate);
        Assert.Equal(4, editedMessage?.LastChange);
        Assert.Equal(Enumerable.Range(1, (int)sent.Message.Sequence).Select(i => (long)i), history.Select(m => m.Sequence));
        Assert.Equal([2L, 3L, 9L], (await chat.ChangedSinceAsync(seed.TwinSpaceId, LiveFeatureSeed.Channel, 10, 100))!.Select(m => m.Sequence).Order());

        var reply = await Target.Get<IForumStore>().AddReplyAsync(seed.TwinSpaceId, new ForumPost
        {
            Id = Server.Infrastructure.Ids.New(), ThreadId = threadId, DiscussionId = (await Target.Get<IForumStore>().FindThreadAsync(seed.TwinSpaceId, threadId))!.DiscussionId,
            AuthorId = seed.TeacherId, AuthorName = "Ana (PT)", Source = "after", Html = "<p>after</p>", CreatedAt = TransferSeed.At,
        }, evenIfLocked: false);
        Assert.Equal(LiveFeatureSeed.Replies + 2, reply.Reply?.Number);

        Assert.Equal(LiveFeatureSeed.PageUpdates + 1L, await Target.Get<IPageStore>().AppendAsync(seed.TwinSpaceId, pageId, [7, 7], TransferSeed.At));
        Assert.Equal([LiveFeatureSeed.PageUpdates - 2L, LiveFeatureSeed.PageUpdates - 1L, LiveFeatureSeed.PageUpdates, LiveFeatureSeed.PageUpdates + 1L],
            (await Target.Get<IPageStore>().LogAsync(seed.TwinSpaceId, pageId, 2)).Select(u => u.Sequence));
    }

    [Fact]
    public async Task A_page_whose_log_was_never_compacted_continues_its_sequence_after_a_copy()
    {
        var seed = await TransferSeed.FillAsync(Source);
        var pages = Source.Get<IPageStore>();
        var page = new Page { Id = Server.Infrastructure.Ids.New(), TwinSpaceId = seed.TwinSpaceId, Title = "Fresh", CreatedBy = seed.TeacherId, CreatedAt = TransferSeed.At, UpdatedAt = TransferSeed.At };
        await pages.AddAsync(page);
        for (var i = 1; i <= 3; i++) await pages.AppendAsync(seed.TwinSpaceId, page.Id, [(byte)i, 0, 1, 2], TransferSeed.At.AddSeconds(i));

        await Copy().CopyAsync();

        Assert.Equal(3, (await Target.Get<IPageStore>().HeadAsync(seed.TwinSpaceId, page.Id))?.LastSequence);
        Assert.Equal(4, await Target.Get<IPageStore>().AppendAsync(seed.TwinSpaceId, page.Id, [9, 9], TransferSeed.At));
        Assert.Equal([1L, 2L, 3L, 4L], (await Target.Get<IPageStore>().LogAsync(seed.TwinSpaceId, page.Id)).Select(u => u.Sequence));
    }

    [Fact]
    public async Task A_copy_that_stopped_halfway_completes_when_run_again_without_duplicates()
    {
        await SeedAsync();
        var copy = Copy();
        Assert.Null(await copy.NonEmptyTargetFeatureAsync());
        foreach (var transfer in Transfers(Source))
        {
            var records = new List<StoredRecord>();
            await foreach (var record in transfer.ExportAsync()) records.Add(record);
            await Transfers(Target).Single(t => t.Feature == transfer.Feature).ImportAsync(records[..(records.Count / 2 + 1)]);
        }
        Assert.Equal(AccountTransfer.Feature, await copy.NonEmptyTargetFeatureAsync());

        await copy.CopyAsync();

        Assert.All(await copy.VerifyAsync(), comparison => Assert.True(comparison.Same, comparison.Feature));
        var before = await ExportAsync(Source);
        var after = await ExportAsync(Target);
        foreach (var (feature, records) in before) Assert.Equal(records, after[feature]);
    }

    [Fact]
    public async Task The_verification_names_the_features_that_differ_and_only_those()
    {
        var (seed, _, _) = await SeedAsync();
        var copy = Copy();
        await copy.CopyAsync();
        var teacher = await Target.Get<IAccountStore>().FindTeacherAsync(seed.TeacherId);
        await Target.Get<IAccountStore>().UpdateTeacherAsync(teacher! with { DisplayName = "Someone else" });
        await Target.Get<IAuditLog>().AppendAsync(seed.OtherTwinSpaceId, AuditEntry.Of(TransferSeed.At, seed.TeacherId, "Ana (PT)", AuditActions.RoleChanged, null, "extra"));
        var output = new StringWriter();

        var comparisons = await Copy(output).VerifyAsync();

        Assert.Equal([AccountTransfer.Feature, AuditTransfer.Feature], comparisons.Where(c => !c.Same).Select(c => c.Feature).Order());
        var accounts = comparisons.Single(c => c.Feature == AccountTransfer.Feature);
        Assert.Equal(accounts.Source.Records, accounts.Target.Records);
        var audit = comparisons.Single(c => c.Feature == AuditTransfer.Feature);
        Assert.Equal(audit.Source.Records + 1, audit.Target.Records);
        Assert.Contains(output.ToString().Split('\n'), line => line.Contains(AuditTransfer.Feature, StringComparison.Ordinal) && line.Contains("DIFFERENT", StringComparison.Ordinal));
    }

    private async Task<(TransferSeed Seed, string ThreadId, string PageId)> SeedAsync()
    {
        var seed = await TransferSeed.FillAsync(Source);
        var (threadId, pageId) = await LiveFeatureSeed.FillAsync(Source, seed);
        return (seed, threadId, pageId);
    }

    private static IReadOnlyList<IStoreTransfer> Transfers(IStoreProvider provider) => [.. provider.Get<IEnumerable<IStoreTransfer>>()];

    /// <summary>Each feature's records as canonical text, sorted (the engines order text keys differently).</summary>
    private static async Task<Dictionary<string, List<string>>> ExportAsync(IStoreProvider provider)
    {
        var features = new Dictionary<string, List<string>>();
        foreach (var transfer in Transfers(provider))
        {
            var records = new List<string>();
            await foreach (var record in transfer.ExportAsync()) records.Add(FeatureDigest.CanonicalText(record));
            features[transfer.Feature] = [.. records.Order(StringComparer.Ordinal)];
        }
        return features;
    }
}

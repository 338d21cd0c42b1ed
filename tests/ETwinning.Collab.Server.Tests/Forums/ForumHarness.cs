using ETwinning.Collab.Server.Infrastructure.Cluster;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.Accounts;
using ETwinning.Collab.Server.Features.Audit;
using ETwinning.Collab.Server.Features.Forums;
using ETwinning.Collab.Server.Features.Moderation;
using ETwinning.Collab.Server.Features.Rooms;
using ETwinning.Collab.Server.Features.TwinSpaces;
using ETwinning.Collab.Server.Features.TwinSpaces.Permissions;
using ETwinning.Collab.Server.Infrastructure.RichText;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ETwinning.Collab.Server.Tests.Forums;

/// <summary>
/// The forum services over the real LiteDB store in a temporary folder, with a notifier that records events:
/// no host, no SignalR. Members are built directly (the permission filter is the hub's job).
/// </summary>
internal sealed class ForumHarness : IAsyncDisposable
{
    private readonly TestStorage _storage = new();
    private readonly ServiceProvider _contents;

    public ForumHarness(ForumOptions? options = null)
    {
        var files = _storage.Files;
        var forumOptions = Options.Create(options ?? new ForumOptions());
        Store = new LiteDbForumStore(files);
        Audit = new LiteDbAuditLog(files);
        var publisher = new ForumPublisher(Store, Notifier);
        var changes = new ForumPostChanges(Store, forumOptions);
        _contents = new ServiceCollection().AddSingleton<IModeratedContent>(new ForumModeratedContent(changes, publisher)).BuildServiceProvider();
        var moderation = new ModerationService(new LiteDbModerationStore(files), Audit, _contents,
            Options.Create(new ModerationOptions { WordListCacheSeconds = 0 }), TimeProvider.System);
        ModerationStore = new LiteDbModerationStore(files);
        var safety = new ForumSafety(moderation, Audit, TimeProvider.System);
        Forums = new ForumService(Store, changes, Notifier, publisher, new RichTextRenderer(), new ForumInput(forumOptions),
            new ForumRateLimits(forumOptions, new NodeLocalRateLimits()), safety, new RoomVisibility(new LiteDbRoomStore(files), new LiteDbTwinSpaceStore(files)), TimeProvider.System);
        Moderation = new ForumModerationService(Forums, Store, changes, publisher, safety, moderation, new LiteDbTwinSpaceStore(files));
    }

    public const string TwinSpaceId = "ts1";

    public RecordingForumNotifier Notifier { get; } = new();
    public IForumStore Store { get; }
    public IAuditLog Audit { get; }
    public IModerationStore ModerationStore { get; }
    public ForumService Forums { get; }
    public ForumModerationService Moderation { get; }

    public static MemberContext Member(string accountId, TwinSpaceRole role, TwinSpaceState state = TwinSpaceState.Open)
    {
        var kind = role is TwinSpaceRole.Pupil or TwinSpaceRole.PupilAdministrator ? AccountKind.Pupil : AccountKind.Teacher;
        var twinSpace = new TwinSpace { Id = TwinSpaceId, Code = "ABCDEFGH", Title = "Water", CreatedBy = "founder", State = state };
        var membership = new Membership
        {
            Id = Membership.KeyOf(TwinSpaceId, accountId), TwinSpaceId = TwinSpaceId, AccountId = accountId,
            Role = role, Kind = kind, DisplayName = accountId,
        };
        return new MemberContext(new CallerIdentity(accountId, kind, accountId, kind == AccountKind.Pupil ? TwinSpaceId : null), twinSpace, membership);
    }

    public static MemberContext Founder { get; } = Member("founder", TwinSpaceRole.TeacherAdministrator);
    public static MemberContext Teacher { get; } = Member("teacher", TwinSpaceRole.Teacher);
    public static MemberContext Pupil { get; } = Member("pupil", TwinSpaceRole.Pupil);

    /// <summary>A discussion with one thread started by the teacher.</summary>
    public async Task<ForumThreadPage> ThreadAsync(string title = "Bottled water?")
    {
        var discussion = await Forums.CreateDiscussionAsync(Founder, new CreateForumDiscussionRequest("Debate", null, null));
        return await Forums.CreateThreadAsync(Teacher, new CreateForumThreadRequest(discussion.Id, title, "Opening post", null));
    }

    public async ValueTask DisposeAsync()
    {
        await _contents.DisposeAsync();
        await _storage.DisposeAsync();
    }
}

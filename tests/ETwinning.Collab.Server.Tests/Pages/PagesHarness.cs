using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Crdt;
using ETwinning.Collab.Server.Features.Accounts;
using ETwinning.Collab.Server.Features.Pages;
using ETwinning.Collab.Server.Features.TwinSpaces;
using ETwinning.Collab.Server.Features.TwinSpaces.Permissions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace ETwinning.Collab.Server.Tests.Pages;

/// <summary>
/// The pages services over the real LiteDB store in a temporary folder, on a fake clock: no host, no SignalR, no
/// background loop (tests call housekeeping themselves). Several nodes may share the store, as a cluster would.
/// </summary>
internal sealed class PagesHarness : IAsyncDisposable
{
    public const string TwinSpaceId = "ts1";

    private readonly TestStorage _storage = new();
    private readonly List<LivePageService> _nodes = [];

    public PagesHarness(PagesOptions? options = null)
    {
        Options = options ?? new PagesOptions();
        Store = new GatedPageStore(new LiteDbPageStore(_storage.Files));
        Tree = new PageTreeService(Store, new LiteDbTwinSpaceStore(_storage.Files), new RecordingPagesNotifier(), MsOptions.Create(Options), Clock);
        Live = NewNode();
    }

    public PagesOptions Options { get; }
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 1, 1, 8, 0, 0, TimeSpan.Zero));
    public GatedPageStore Store { get; }
    public PageTreeService Tree { get; }
    /// <summary>The first node.</summary>
    public LivePageService Live { get; }
    public RecordingPagesNotifier Notifier { get; } = new();

    public static MemberContext Founder { get; } = Member("founder");

    /// <summary>Another node on the same store (no relay between them unless the test forwards updates).</summary>
    public LivePageService NewNode()
    {
        var node = new LivePageService(Store, Tree, new PageCompactor(Store, NullLogger<PageCompactor>.Instance), _nodes.Count == 0 ? Notifier : new RecordingPagesNotifier(),
            new NoPageRelay(), MsOptions.Create(Options), Clock, NullLogger<LivePageService>.Instance);
        _nodes.Add(node);
        return node;
    }

    public async Task<string> PageAsync(string title = "Story") => (await Tree.CreateAsync(Founder, new CreatePageRequest(title))).Id;

    /// <summary>The update that appends <paramref name="text"/> to the text <c>t</c> of <paramref name="document"/>.</summary>
    public static byte[] Type(YDoc document, string text)
    {
        byte[] update = [];
        document.Updated += Capture;
        document.GetText("t").Insert(document.GetText("t").Length, text);
        document.Updated -= Capture;
        return update;
        void Capture(object? sender, UpdateEventArgs e) => update = e.Update;
    }

    public static ValueTask<string> TextAsync(LivePageService node, string pageId) =>
        node.ReadAsync(TwinSpaceId, pageId, document => document.GetText("t").ToString());

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes) node.Dispose();
        await _storage.DisposeAsync();
    }

    private static MemberContext Member(string accountId)
    {
        var twinSpace = new TwinSpace { Id = TwinSpaceId, Code = "ABCDEFGH", Title = "Water", CreatedBy = "founder", State = TwinSpaceState.Open };
        var membership = new Membership
        {
            Id = Membership.KeyOf(TwinSpaceId, accountId), TwinSpaceId = TwinSpaceId, AccountId = accountId,
            Role = TwinSpaceRole.TeacherAdministrator, Kind = AccountKind.Teacher, DisplayName = accountId,
        };
        return new MemberContext(new CallerIdentity(accountId, AccountKind.Teacher, accountId, null), twinSpace, membership);
    }
}

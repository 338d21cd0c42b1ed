using ETwinning.Collab.Client;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.IntegrationTests.Infrastructure;
using ETwinning.Collab.Server.Features.Accounts;
using ETwinning.Collab.Server.Features.TwinSpaces;
using Microsoft.Extensions.DependencyInjection;

namespace ETwinning.Collab.IntegrationTests.LiveEvents;

/// <summary>
/// A TwinSpace whose founder (a teacher administrator, connected to node A) created one live event, plus cheap members:
/// memberships stored directly and tokens issued by the server's own issuer, so hundreds of attendees cost no password hashing.
/// </summary>
public sealed class LiveEventScenario : IAsyncDisposable
{
    private readonly List<TwinSpaceConnection> _connections = [];
    private readonly Dictionary<string, string> _accessTokens = [];

    private LiveEventScenario(TwinSpaceScenario space, LiveEventView liveEvent)
    {
        Space = space;
        Event = liveEvent;
    }

    public TwinSpaceScenario Space { get; }
    public LiveEventView Event { get; }
    public string Id => Space.Id;
    public string EventId => Event.Id;
    public TwinSpaceConnection Host => Space.FounderHub;

    public static async Task<LiveEventScenario> CreateAsync(
        CollabServer node, int capacity = 50, LiveEventAudience audience = LiveEventAudience.Members, string title = "River quiz")
    {
        var space = await TwinSpaceScenario.CreateAsync(node);
        var liveEvent = await space.FounderHub.CreateLiveEventAsync(space.Id, new CreateLiveEventRequest(
            title, "Partner schools answer together.", DateTime.UtcNow, 60, "Europe/Lisbon", capacity, audience));
        return new LiveEventScenario(space, liveEvent);
    }

    /// <summary>A member of <paramref name="role"/> connected to <paramref name="node"/>; pupils get a pupil token scoped to this TwinSpace.</summary>
    public async Task<(string AccountId, TwinSpaceConnection Hub)> MemberAsync(
        CollabServer node, TwinSpaceRole role = TwinSpaceRole.Teacher, string name = "Member", string country = "PT")
    {
        var pupil = role is TwinSpaceRole.Pupil or TwinSpaceRole.PupilAdministrator;
        var account = new AccountView(Guid.NewGuid().ToString("N"), pupil ? AccountKind.Pupil : AccountKind.Teacher, name, country, pupil ? Id : null);
        await node.Services.GetRequiredService<ITwinSpaceStore>().TryAddMembersAsync([new Membership
        {
            Id = Membership.KeyOf(Id, account.Id), TwinSpaceId = Id, AccountId = account.Id, Role = role, Kind = account.Kind,
            DisplayName = name, Country = country, JoinedAt = DateTime.UtcNow,
        }]);
        var tokens = await node.Services.GetRequiredService<TokenIssuer>().IssueAsync(account);
        var hub = await node.ConnectAsync(tokens);
        lock (_connections) _connections.Add(hub);
        return (account.Id, hub);
    }

    /// <summary>
    /// A teacher account of the platform who is NOT a member of this TwinSpace, validated or not, connected to <paramref name="node"/>.
    /// </summary>
    public async Task<(string AccountId, TwinSpaceConnection Hub)> OutsiderAsync(
        CollabServer node, string name = "Outsider", string country = "FI", bool validated = true, string? language = null)
    {
        var account = new AccountView(Guid.NewGuid().ToString("N"), AccountKind.Teacher, name, country, null);
        await node.Services.GetRequiredService<IAccountStore>().TryAddTeacherAsync(new TeacherAccount
        {
            Id = account.Id, Email = $"{account.Id}@school.example", DisplayName = name, Country = country, IsValidated = validated,
            CreatedAt = DateTime.UtcNow,
        });
        var tokens = await node.Services.GetRequiredService<TokenIssuer>().IssueAsync(account);
        var hub = await node.ConnectAsync(tokens, language: language);
        lock (_connections)
        {
            _connections.Add(hub);
            _accessTokens[account.Id] = tokens.AccessToken;
        }
        return (account.Id, hub);
    }

    /// <summary>The access token of an outsider added here, for the HTTP API.</summary>
    public string AccessTokenOf(string outsiderId)
    {
        lock (_connections) return _accessTokens[outsiderId];
    }

    /// <summary>Another connection (a second tab) of a member added here, on <paramref name="node"/>.</summary>
    public async Task<TwinSpaceConnection> TabAsync(CollabServer node, string accountId, AccountKind kind = AccountKind.Teacher)
    {
        var tokens = await node.Services.GetRequiredService<TokenIssuer>()
            .IssueAsync(new AccountView(accountId, kind, "Tab", "PT", kind == AccountKind.Pupil ? Id : null));
        var hub = await node.ConnectAsync(tokens);
        lock (_connections) _connections.Add(hub);
        return hub;
    }

    /// <summary>A member who registered (and so holds a seat while there are seats).</summary>
    public async Task<(string AccountId, TwinSpaceConnection Hub)> AttendeeAsync(
        CollabServer node, TwinSpaceRole role = TwinSpaceRole.Teacher, string name = "Attendee", string country = "PT")
    {
        var member = await MemberAsync(node, role, name, country);
        await member.Hub.RegisterForLiveEventAsync(Id, EventId);
        return member;
    }

    /// <summary>An outsider (<see cref="OutsiderAsync"/>) who registered for the event.</summary>
    public async Task<(string AccountId, TwinSpaceConnection Hub)> RegisteredOutsiderAsync(
        CollabServer node, string name = "Outsider", string country = "FI", string? language = null)
    {
        var outsider = await OutsiderAsync(node, name, country, language: language);
        await outsider.Hub.RegisterForLiveEventAsync(Id, EventId);
        return outsider;
    }

    /// <summary>The host starts the event and is in it.</summary>
    public async Task StartWithHostInsideAsync()
    {
        await Host.StartLiveEventAsync(Id, EventId);
        await Host.JoinLiveEventAsync(Id, EventId);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _connections) await connection.DisposeAsync();
        await Space.DisposeAsync();
    }
}

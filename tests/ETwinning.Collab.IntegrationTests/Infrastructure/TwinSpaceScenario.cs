using ETwinning.Collab.Client;
using ETwinning.Collab.Client.Protocol;

namespace ETwinning.Collab.IntegrationTests.Infrastructure;

/// <summary>A TwinSpace with a founder (connected), an optional partner teacher and pupils: the usual starting point.</summary>
public sealed class TwinSpaceScenario : IAsyncDisposable
{
    private readonly List<TwinSpaceConnection> _connections = [];

    private TwinSpaceScenario(CollabServer server, TokenPair founder, TwinSpaceConnection founderHub, TwinSpaceView twinSpace)
    {
        Server = server;
        Founder = founder;
        FounderHub = founderHub;
        TwinSpace = twinSpace;
        _connections.Add(founderHub);
    }

    public CollabServer Server { get; }
    public TokenPair Founder { get; }
    public TwinSpaceConnection FounderHub { get; }
    public TwinSpaceView TwinSpace { get; }
    public string Id => TwinSpace.Id;

    public static async Task<TwinSpaceScenario> CreateAsync(CollabServer server, string title = "Water in our towns")
    {
        var founder = await server.NewTeacherAsync("AT");
        var hub = await server.ConnectAsync(founder);
        var twinSpace = await hub.CreateTwinSpaceAsync(title, "A project between two schools.");
        return new TwinSpaceScenario(server, founder, hub, twinSpace);
    }

    /// <summary>A new teacher who joins through an invitation with <paramref name="role"/>.</summary>
    public async Task<(TokenPair Tokens, TwinSpaceConnection Hub)> AddTeacherAsync(TwinSpaceRole role = TwinSpaceRole.Teacher, string country = "PT")
    {
        var tokens = await Server.NewTeacherAsync(country);
        var hub = await ConnectAsync(tokens);
        var invitation = await FounderHub.CreateInvitationAsync(Id, role);
        await hub.AcceptInvitationAsync(invitation.Token);
        return (tokens, hub);
    }

    /// <summary>A new pupil, logged in and connected (optionally promoted to pupil administrator).</summary>
    public async Task<(PupilCredentials Credentials, TokenPair Tokens, TwinSpaceConnection Hub)> AddPupilAsync(
        string nickname = "Fox", bool administrator = false)
    {
        var credentials = (await FounderHub.CreatePupilsAsync(Id, nickname)).Single();
        if (administrator) await FounderHub.SetPupilAdministratorAsync(Id, credentials.AccountId, true);
        var tokens = await Server.PupilLoginAsync(TwinSpace, credentials);
        return (credentials, tokens, await ConnectAsync(tokens));
    }

    public async Task<TwinSpaceConnection> ConnectAsync(TokenPair tokens)
    {
        var hub = await Server.ConnectAsync(tokens);
        _connections.Add(hub);
        return hub;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _connections) await connection.DisposeAsync();
    }
}

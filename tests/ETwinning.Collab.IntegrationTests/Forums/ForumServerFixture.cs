using ETwinning.Collab.IntegrationTests.Infrastructure;

namespace ETwinning.Collab.IntegrationTests.Forums;

/// <summary>One server for a class of forum tests, with small limits so that limits are cheap to reach.</summary>
public sealed class ForumServerFixture : IAsyncLifetime
{
    public const int LikesPerMinute = 5;
    public const int MaxPostCharacters = 2_000;

    public CollabServer Server { get; private set; } = null!;

    public static Dictionary<string, string?> Settings => new()
    {
        ["Forums:LikesPerMinute"] = LikesPerMinute.ToString(),
        ["Forums:PostsPerMinute"] = "1000",
        ["Forums:MaxPostCharacters"] = MaxPostCharacters.ToString(),
        ["Forums:MaxPostBytes"] = "4000",
        ["Moderation:WordListCacheSeconds"] = "0",
    };

    public async Task InitializeAsync() => Server = await CollabServer.StartAsync(Settings);

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

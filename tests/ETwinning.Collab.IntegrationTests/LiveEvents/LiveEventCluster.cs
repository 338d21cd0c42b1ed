using ETwinning.Collab.IntegrationTests.Infrastructure;

namespace ETwinning.Collab.IntegrationTests.LiveEvents;

/// <summary>Two nodes on one real Redis sharing one store, with live event limits small enough to reach in a test.</summary>
public sealed class LiveEventCluster : IAsyncLifetime
{
    public const int QuestionsPerMinute = 3;
    public const int MaxQuestionCharacters = 100;

    public RedisServer Redis { get; private set; } = null!;
    public CollabServer NodeA { get; private set; } = null!;
    public CollabServer NodeB { get; private set; } = null!;

    private static Dictionary<string, string?> Settings => new()
    {
        ["LiveEvents:QuestionsPerMinute"] = QuestionsPerMinute.ToString(),
        ["LiveEvents:MaxQuestionCharacters"] = MaxQuestionCharacters.ToString(),
        ["LiveEvents:TallyUpdatesPerSecond"] = "2",
        // Reminders looked for every second, so a test hears one without waiting half a minute.
        ["LiveEvents:ReminderCheckSeconds"] = "1",
        ["TwinSpaces:MaxMembers"] = "1000",
    };

    public async Task InitializeAsync()
    {
        Redis = await RedisServer.StartAsync();
        NodeA = await CollabServer.StartAsync(Settings, redis: Redis.ConnectionString);
        NodeB = await CollabServer.StartAsync(Settings, shareStoreWith: NodeA, redis: Redis.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await NodeB.DisposeAsync();
        await NodeA.DisposeAsync();
        await Redis.DisposeAsync();
    }
}

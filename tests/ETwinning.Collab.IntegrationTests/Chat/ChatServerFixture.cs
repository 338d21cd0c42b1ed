using ETwinning.Collab.IntegrationTests.Infrastructure;

namespace ETwinning.Collab.IntegrationTests.Chat;

/// <summary>One server for a chat test class. Message limits are high: the flood and window tests use their own server.</summary>
public sealed class ChatServerFixture : IAsyncLifetime
{
    public static readonly IReadOnlyDictionary<string, string?> GenerousLimits = new Dictionary<string, string?>
    {
        ["Chat:MessageBurst"] = "100000",
        ["Chat:MessagesPerMinute"] = "6000000",
        ["Chat:PupilMessageBurst"] = "100000",
        ["Chat:PupilMessagesPerMinute"] = "6000000",
        ["Chat:TypingThrottleMilliseconds"] = "30000",
        ["Chat:TypingExpiryMilliseconds"] = "60000",
    };

    public CollabServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await CollabServer.StartAsync(GenerousLimits);

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

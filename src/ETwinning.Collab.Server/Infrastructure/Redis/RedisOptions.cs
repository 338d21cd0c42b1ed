namespace ETwinning.Collab.Server.Infrastructure.Redis;

public sealed class RedisOptions
{
    public const string Section = "Redis";

    /// <summary>StackExchange.Redis configuration string. Empty: one node, in-memory SignalR (the default).</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>Prefix of every channel, so several deployments can share one Redis.</summary>
    public string ChannelPrefix { get; set; } = "etwinning-collab";

    public bool IsEnabled => !string.IsNullOrWhiteSpace(ConnectionString);
}

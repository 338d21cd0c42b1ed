using StackExchange.Redis;

namespace ETwinning.Collab.Server.Infrastructure.Redis;

public static class RedisExtensions
{
    /// <summary>Reads the Redis options; when a connection string is set, registers one shared multiplexer.</summary>
    public static RedisOptions AddRedisIfConfigured(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(RedisOptions.Section).Get<RedisOptions>() ?? new RedisOptions();
        if (options.IsEnabled)
        {
            // AbortOnConnectFail=false: the server starts while Redis is down and reconnects when it returns.
            var configuration = ConfigurationOptions.Parse(options.ConnectionString);
            configuration.AbortOnConnectFail = false;
            builder.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(configuration));
        }
        return options;
    }
}

using ETwinning.Collab.Server.Infrastructure.Redis;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ETwinning.Collab.Server.Infrastructure.Cluster;

public static class ClusterExtensions
{
    /// <summary>The cluster options, and rate limits counted over every node (through Redis when it is configured).</summary>
    public static IHostApplicationBuilder AddClusterState(this IHostApplicationBuilder builder, RedisOptions redis)
    {
        var services = builder.Services;
        services.AddOptions<ClusterOptions>().BindConfiguration(ClusterOptions.Section).ValidateDataAnnotations()
            .Validate(options => options.IsValid, "Cluster:NodeTimeoutSeconds must exceed Cluster:NodeHeartbeatSeconds.").ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        if (redis.IsEnabled)
        {
            services.TryAddSingleton(redis);
            services.TryAddSingleton<RedisRateLimits>();
            services.TryAddSingleton<IClusterRateLimits>(provider => provider.GetRequiredService<RedisRateLimits>());
            services.AddHostedService(provider => provider.GetRequiredService<RedisRateLimits>());
        }
        else
        {
            services.TryAddSingleton<IClusterRateLimits, NodeLocalRateLimits>();
        }
        return builder;
    }
}

using ETwinning.Collab.Server.Infrastructure.Redis;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace ETwinning.Collab.Server.Infrastructure.Health;

public static class HealthExtensions
{
    private const string Ready = "ready";

    public static IHostApplicationBuilder AddCollabHealth(this IHostApplicationBuilder builder, RedisOptions redis)
    {
        var checks = builder.Services.AddHealthChecks().AddCheck<StorageHealthCheck>("storage", tags: [Ready]);
        if (redis.IsEnabled)
            checks.AddRedis(services => services.GetRequiredService<IConnectionMultiplexer>(), "redis", tags: [Ready], timeout: TimeSpan.FromSeconds(3));
        return builder;
    }

    public static WebApplication MapCollabHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(Ready) });
        return app;
    }
}

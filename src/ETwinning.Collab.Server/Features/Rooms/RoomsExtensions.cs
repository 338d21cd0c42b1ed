using ETwinning.Collab.Server.Features.Rooms.Media;
using ETwinning.Collab.Server.Infrastructure.Connections;
using ETwinning.Collab.Server.Infrastructure.Redis;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ETwinning.Collab.Server.Features.Rooms;

public static class RoomsExtensions
{
    /// <summary>
    /// Rooms and live sessions; needs chat, materials and an <see cref="IRoomsNotifier"/> (Realtime registers one).
    /// Session states live in Redis when it is configured (every node reads and changes the same state), in memory otherwise.
    /// </summary>
    public static IHostApplicationBuilder AddRooms(this IHostApplicationBuilder builder, RedisOptions redis)
    {
        var services = builder.Services;
        services.AddOptions<RoomsOptions>().BindConfiguration(RoomsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RoomsIceOptions>().BindConfiguration(RoomsIceOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        if (redis.IsEnabled)
        {
            services.TryAddSingleton(redis);
            services.TryAddSingleton<IRoomSessionStates, RedisRoomSessionStates>();
        }
        else
        {
            services.TryAddSingleton<IRoomSessionStates, InMemoryRoomSessionStates>();
        }
        services.TryAddSingleton<RoomService>();
        services.TryAddSingleton<RoomVisibility>();
        services.TryAddSingleton<SignalRateLimiter>();
        services.TryAddSingleton<IceServers>();
        services.TryAddSingleton<BreakoutTimers>();
        services.TryAddSingleton<RoomSessionService>();
        services.AddConnectionObserver<RoomConnectionObserver>();
        services.AddConnectionObserver<RoomSessionConnectionObserver>();
        builder.AddRoomMedia();
        return builder;
    }
}

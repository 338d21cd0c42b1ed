using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.Materials;
using ETwinning.Collab.Server.Features.Chat;
using ETwinning.Collab.Server.Features.Updates;
using ETwinning.Collab.Server.Features.Forums;
using ETwinning.Collab.Server.Features.LiveEvents;
using ETwinning.Collab.Server.Features.Pages;
using ETwinning.Collab.Server.Features.Rooms;
using ETwinning.Collab.Server.Features.Rooms.Media;
using ETwinning.Collab.Server.Infrastructure.Connections;
using ETwinning.Collab.Server.Infrastructure.Nodes;
using ETwinning.Collab.Server.Realtime.Connections;
using ETwinning.Collab.Server.Features.TwinSpaces;
using ETwinning.Collab.Server.Infrastructure.Http;
using ETwinning.Collab.Server.Infrastructure.Metrics;
using ETwinning.Collab.Server.Infrastructure.Redis;
using ETwinning.Collab.Server.Realtime.Filters;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ETwinning.Collab.Server.Realtime;

public static class RealtimeExtensions
{
    public static IHostApplicationBuilder AddRealtime(this IHostApplicationBuilder builder, RedisOptions redis)
    {
        var services = builder.Services;
        services.AddOptions<RealtimeOptions>().BindConfiguration(RealtimeOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var signalR = services.AddSignalR(hub =>
            {
                // Outermost first: metrics see every outcome, errors wrap everything else, then the rate limit, then permissions.
                hub.AddFilter<MetricsHubFilter>();
                hub.AddFilter<ErrorMappingHubFilter>();
                hub.AddFilter<RateLimitHubFilter>();
                hub.AddFilter<PermissionHubFilter>();
            })
            .AddJsonProtocol(json => JsonDefaults.Apply(json.PayloadSerializerOptions))
            .AddMessagePackProtocol();
        services.AddOptions<HubOptions>().Configure<IOptions<RealtimeOptions>>((hub, realtime) =>
        {
            hub.MaximumReceiveMessageSize = realtime.Value.MaximumReceiveMessageBytes;
            hub.KeepAliveInterval = TimeSpan.FromSeconds(realtime.Value.KeepAliveSeconds);
            hub.ClientTimeoutInterval = TimeSpan.FromSeconds(realtime.Value.ClientTimeoutSeconds);
            hub.MaximumParallelInvocationsPerClient = realtime.Value.MaximumParallelInvocationsPerClient;
            hub.EnableDetailedErrors = false;
        });
        services.TryAddSingleton<MetricsHubFilter>();
        services.TryAddSingleton<ErrorMappingHubFilter>();
        services.TryAddSingleton<RateLimitHubFilter>();
        services.TryAddSingleton<PermissionHubFilter>();
        // Replaces SignalR's default (which reads ClaimTypes.NameIdentifier; our tokens keep "sub" as it is).
        services.AddSingleton<IUserIdProvider, SubjectUserIdProvider>();
        services.AddNodeBus(redis);
        services.TryAddSingleton<ConnectionRegistry>();
        services.TryAddSingleton<AccountConnections>();
        services.TryAddSingleton<LocalConnectionSender>();
        if (redis.IsEnabled)
        {
            services.TryAddSingleton<RedisPresence>();
            services.TryAddSingleton<IClusterPresence>(provider => provider.GetRequiredService<RedisPresence>());
            services.AddHostedService(provider => provider.GetRequiredService<RedisPresence>());
        }
        else
        {
            services.TryAddSingleton<IClusterPresence, InMemoryPresence>();
        }
        services.TryAddSingleton<IPresence>(provider => provider.GetRequiredService<IClusterPresence>());
        services.AddConnectionObserver<PresenceObserver>();
        services.AddNodeMessageHandler<MemberEvicted, MemberEvictedHandler>();
        services.TryAddSingleton<ITwinSpaceNotifier, HubTwinSpaceNotifier>();
        services.TryAddSingleton<IMaterialsNotifier, HubMaterialsNotifier>();
        services.TryAddSingleton<IChatNotifier, HubChatNotifier>();
        services.TryAddSingleton<IUpdatesNotifier, HubUpdatesNotifier>();
        services.TryAddSingleton<IPagesNotifier, HubPagesNotifier>();
        services.TryAddSingleton<IForumNotifier, HubForumNotifier>();
        services.TryAddSingleton<IRoomsNotifier, HubRoomsNotifier>();
        services.TryAddSingleton<IRoomMediaNotifier, HubRoomMediaNotifier>();
        services.AddNodeMessageHandler<RoomConnectionRemoved, RoomConnectionRemovedHandler>();
        services.AddNodeMessageHandler<RoomAccessLost, RoomAccessLostHandler>();
        services.TryAddSingleton<ILiveEventNotifier, HubLiveEventNotifier>();
        services.TryAddSingleton<ILiveTallyDelivery, HubLiveTallyDelivery>();
        services.TryAddSingleton<ILiveReminderDelivery, HubLiveReminderDelivery>();
        services.TryAddSingleton<ILiveMediaNotifier, HubLiveMediaNotifier>();

        if (redis.IsEnabled)
        {
            signalR.AddStackExchangeRedis(redis.ConnectionString, backplane =>
            {
                backplane.Configuration.ChannelPrefix = RedisChannel.Literal(redis.ChannelPrefix);
                backplane.Configuration.AbortOnConnectFail = false;
            });
        }
        return builder;
    }

    public static WebApplication MapRealtime(this WebApplication app)
    {
        app.MapHub<TwinSpaceHub>(HubNames.TwinSpaceHubPath);
        return app;
    }
}

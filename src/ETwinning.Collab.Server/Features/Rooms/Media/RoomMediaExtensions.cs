using ETwinning.Collab.Server.Infrastructure.Connections;
using ETwinning.Collab.Server.Infrastructure.Nodes;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ETwinning.Collab.Server.Features.Rooms.Media;

public static class RoomMediaExtensions
{
    /// <summary>
    /// The media side of rooms; needs an <see cref="IRoomMediaNotifier"/> (Realtime registers one). With
    /// <c>Rooms:Media:Janus:Url</c> Janus is the media server of large sessions; without it every session is a mesh.
    /// </summary>
    public static IHostApplicationBuilder AddRoomMedia(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<JanusOptions>().BindConfiguration(JanusOptions.Section).ValidateDataAnnotations()
            .Validate(janus => !janus.IsEnabled || janus.RoomKey.Length >= JanusOptions.MinRoomKeyLength,
                $"{JanusOptions.Section}:RoomKey must have at least {JanusOptions.MinRoomKeyLength} characters when Janus is configured.")
            .Validate(janus => !janus.IsEnabled || Uri.TryCreate(janus.Url, UriKind.Absolute, out _), $"{JanusOptions.Section}:Url must be an absolute URL.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        var janus = builder.Configuration.GetSection(JanusOptions.Section).Get<JanusOptions>() ?? new JanusOptions();
        if (janus.IsEnabled)
        {
            // No overall timeout on the client: the long poll waits for events on purpose; each call sets its own.
            services.AddHttpClient(JanusApi.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan);
            services.TryAddSingleton(provider => new JanusApi(
                provider.GetRequiredService<IHttpClientFactory>().CreateClient(JanusApi.HttpClientName), provider.GetRequiredService<IOptions<JanusOptions>>(),
                provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<ILogger<JanusApi>>()));
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IMediaServer, JanusMediaServer>());
        }
        services.TryAddSingleton<RoomMediaService>();
        services.AddConnectionObserver<RoomMediaConnectionObserver>();
        services.AddNodeMessageHandler<RoomBreakoutsChanged, RoomBreakoutsChangedHandler>();
        return builder;
    }
}

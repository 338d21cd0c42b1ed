using ETwinning.Collab.Server.Features.Chat;
using ETwinning.Collab.Server.Infrastructure.Connections;
using ETwinning.Collab.Server.Infrastructure.Nodes;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ETwinning.Collab.Server.Features.LiveEvents;

public static class LiveEventsExtensions
{
    /// <summary>Live events: services, the state machine, coalesced tallies across nodes, attendance from the connection registry.</summary>
    public static IHostApplicationBuilder AddLiveEvents(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<LiveEventOptions>().BindConfiguration(LiveEventOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.DefaultQuizSeconds <= o.MaxQuizSeconds, "LiveEvents:DefaultQuizSeconds must not exceed MaxQuizSeconds.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<LiveEventStateMachine>();
        services.TryAddSingleton<LiveEventAccess>();
        services.TryAddSingleton<LiveEventService>();
        services.TryAddSingleton<LiveSupervision>();
        services.TryAddSingleton<LiveEventMediaService>();
        services.TryAddSingleton<LivePollService>();
        services.TryAddSingleton<LiveQuestionService>();
        services.TryAddSingleton<LiveQuestionRateLimits>();
        services.TryAddSingleton<LiveTallyCoalescer>();
        services.TryAddSingleton<LiveQuizTimers>();
        services.TryAddSingleton<LiveEventReports>();
        services.TryAddSingleton<LiveEventReminders>();
        services.TryAddSingleton<PublicLiveEventGate>();
        services.TryAddSingleton<PublicLiveEventNames>();
        services.TryAddSingleton<PublicLiveEventDirectory>();
        services.AddHostedService(provider => provider.GetRequiredService<LiveEventReminders>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChatChannelAudience, LiveEventChatAudience>());
        services.AddConnectionObserver<LiveAttendanceObserver>();
        services.AddConnectionObserver<LiveMediaConnectionObserver>();
        services.AddNodeMessageHandler<LiveTallyChanged, LiveTallyChangedHandler>();
        return builder;
    }
}

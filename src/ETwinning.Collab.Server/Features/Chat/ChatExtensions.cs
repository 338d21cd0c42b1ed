using ETwinning.Collab.Server.Features.Moderation;
using ETwinning.Collab.Server.Infrastructure.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ETwinning.Collab.Server.Features.Chat;

public static class ChatExtensions
{
    /// <summary>Chat services; needs <c>AddModeration()</c> and an <see cref="IChatNotifier"/> (Realtime registers one).</summary>
    public static IHostApplicationBuilder AddChat(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ChatOptions>().BindConfiguration(ChatOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ChatRateLimiter>();
        services.TryAddSingleton<ChatMessageChanges>();
        services.TryAddSingleton<ChatChannelService>();
        services.TryAddSingleton<ChatHolds>();
        services.TryAddSingleton<ChatMessageService>();
        services.TryAddSingleton<ChatModerationService>();
        services.AddSingleton<IModeratedContent>(provider => provider.GetRequiredService<ChatModerationService>());
        return builder;
    }
}

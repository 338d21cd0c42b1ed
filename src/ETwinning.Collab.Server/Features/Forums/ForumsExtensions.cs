using ETwinning.Collab.Server.Infrastructure.Storage;
using ETwinning.Collab.Server.Features.Moderation;
using ETwinning.Collab.Server.Infrastructure.RichText;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ETwinning.Collab.Server.Features.Forums;

public static class ForumsExtensions
{
    /// <summary>Forums: services, store, limits; the rich text engine and forum posts as moderated content.</summary>
    public static IHostApplicationBuilder AddForums(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ForumOptions>().BindConfiguration(ForumOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.DefaultThreadPageSize <= o.MaxThreadPageSize && o.DefaultPostPageSize <= o.MaxPostPageSize,
                "Forum default page sizes must not exceed the maximum page sizes.")
            .ValidateOnStart();
        builder.AddRichText();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ForumInput>();
        services.TryAddSingleton<ForumRateLimits>();
        services.TryAddSingleton<ForumSafety>();
        services.TryAddSingleton<ForumPublisher>();
        services.TryAddSingleton<ForumPostChanges>();
        services.TryAddSingleton<ForumService>();
        services.TryAddSingleton<ForumModerationService>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IModeratedContent, ForumModeratedContent>());
        return builder;
    }
}

using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ETwinning.Collab.Server.Features.Updates;

public static class UpdatesExtensions
{
    /// <summary>The bulletin and the journal; needs <c>AddModeration()</c> and an <see cref="IUpdatesNotifier"/> (Realtime registers one).</summary>
    public static IHostApplicationBuilder AddUpdates(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<UpdatesOptions>().BindConfiguration(UpdatesOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<UpdateService>();
        return builder;
    }
}

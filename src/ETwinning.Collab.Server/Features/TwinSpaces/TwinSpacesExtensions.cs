using ETwinning.Collab.Server.Features.TwinSpaces.Permissions;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ETwinning.Collab.Server.Features.TwinSpaces;

public static class TwinSpacesExtensions
{
    public static IHostApplicationBuilder AddTwinSpaces(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<TwinSpaceOptions>().BindConfiguration(TwinSpaceOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<PermissionGuard>();
        services.TryAddScoped<CurrentMember>();
        services.TryAddSingleton<TwinSpaceService>();
        services.TryAddSingleton<PupilService>();
        services.TryAddSingleton<Teams.PupilTeamService>();
        return builder;
    }
}

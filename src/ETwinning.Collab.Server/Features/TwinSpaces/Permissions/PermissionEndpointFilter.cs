using ETwinning.Collab.Server.Features.Accounts;

namespace ETwinning.Collab.Server.Features.TwinSpaces.Permissions;

/// <summary>The HTTP side of the one permission mechanism: reads the <c>{twinSpaceId}</c> route value.</summary>
internal sealed class PermissionEndpointFilter(TwinSpaceAction action) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var twinSpaceId = http.Request.RouteValues.TryGetValue("twinSpaceId", out var value) ? value as string : null;
        var member = await http.RequestServices.GetRequiredService<PermissionGuard>()
            .DemandAsync(CallerIdentity.From(http.User), twinSpaceId, action, http.RequestAborted).ConfigureAwait(false);
        http.RequestServices.GetRequiredService<CurrentMember>().Set(member);
        return await next(context).ConfigureAwait(false);
    }
}

public static class PermissionEndpointExtensions
{
    /// <summary>Requires a signed-in member allowed to do <paramref name="action"/> in the route's TwinSpace.</summary>
    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, TwinSpaceAction action)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization().AddEndpointFilter(new PermissionEndpointFilter(action));
}

using ETwinning.Collab.Server.Features.Accounts;
using ETwinning.Collab.Server.Features.TwinSpaces.Permissions;

namespace ETwinning.Collab.Server.Features.LiveEvents;

/// <summary>
/// The HTTP side of <see cref="PublicLiveEventAttribute"/>: for a route with <c>{twinSpaceId}</c> and <c>{eventId}</c>,
/// <see cref="PublicLiveEventGate"/> lets members in as <c>RequirePermission</c> does, and validated teachers of other
/// schools for a public event, refused with the same stable codes as the hub.
/// </summary>
internal sealed class PublicLiveEventEndpointFilter(TwinSpaceAction action) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var member = await http.RequestServices.GetRequiredService<PublicLiveEventGate>().DemandAsync(
            CallerIdentity.From(http.User), RouteValue(http, "twinSpaceId"), RouteValue(http, "eventId"), action, http.RequestAborted).ConfigureAwait(false);
        http.RequestServices.GetRequiredService<CurrentMember>().Set(member);
        return await next(context).ConfigureAwait(false);
    }

    private static string? RouteValue(HttpContext http, string name) => http.Request.RouteValues.TryGetValue(name, out var value) ? value as string : null;
}

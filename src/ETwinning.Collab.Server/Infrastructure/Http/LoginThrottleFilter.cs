using ETwinning.Collab.Client.Protocol;

namespace ETwinning.Collab.Server.Infrastructure.Http;

/// <summary>Applies <see cref="LoginThrottle"/> to the login bodies of a route, after binding and before the password is checked.</summary>
internal sealed class LoginThrottleFilter(LoginThrottle throttle) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var aborted = context.HttpContext.RequestAborted;
        foreach (var argument in context.Arguments)
        {
            if (argument is LoginRequest teacher) await throttle.DemandTeacherAsync(teacher.Email, aborted).ConfigureAwait(false);
            else if (argument is PupilLoginRequest pupil) await throttle.DemandPupilAsync(pupil.TwinSpaceCode, pupil.Username, aborted).ConfigureAwait(false);
        }
        return await next(context).ConfigureAwait(false);
    }
}

using ETwinning.Collab.Client.Protocol;

namespace ETwinning.Collab.Server.Infrastructure.Http;

/// <summary>Applies <see cref="LoginThrottle"/> to the login bodies of a route, after binding and before the password is checked.</summary>
internal sealed class LoginThrottleFilter(LoginThrottle throttle) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        foreach (var argument in context.Arguments)
        {
            if (argument is LoginRequest teacher) throttle.DemandTeacher(teacher.Email);
            else if (argument is PupilLoginRequest pupil) throttle.DemandPupil(pupil.TwinSpaceCode, pupil.Username);
        }
        return next(context);
    }
}

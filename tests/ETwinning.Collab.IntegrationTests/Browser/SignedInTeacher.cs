using ETwinning.Collab.Client;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.IntegrationTests.Infrastructure;

namespace ETwinning.Collab.IntegrationTests.Browser;

/// <summary>
/// A teacher registered through the API, logged in and connected to the hub: the founder most browser flows set their
/// TwinSpace up with before a browser logs in with <see cref="Email"/>.
/// </summary>
public sealed record SignedInTeacher(string Email, TwinSpaceConnection Hub) : IAsyncDisposable
{
    public static async Task<SignedInTeacher> RegisterAsync(CollabServer server, string displayName = "Teacher (Austria)", string country = "AT")
    {
        var email = await CollabPages.RegisterTeacherAsync(server, displayName, country);
        var tokens = await server.Api.LoginAsync(new LoginRequest(email, CollabPages.TeacherPassword));
        return new(email, await server.ConnectAsync(tokens));
    }

    public ValueTask DisposeAsync() => Hub.DisposeAsync();
}

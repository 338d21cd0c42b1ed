using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.LiveEvents;
using ETwinning.Collab.Server.Infrastructure.Connections;
using ETwinning.Collab.Server.Infrastructure.Localization;
using Microsoft.AspNetCore.Mvc;

namespace ETwinning.Collab.Server.Realtime;

public sealed partial class TwinSpaceHub
{
    /// <summary>
    /// Upcoming public events of the whole platform, for validated teachers. Taking part goes through the live event methods
    /// marked <see cref="PublicLiveEventAttribute"/>, which <see cref="PublicLiveEventGate"/> opens to non-members.
    /// </summary>
    public Task<IReadOnlyList<PublicLiveEventView>> ListPublicLiveEvents([FromServices] PublicLiveEventDirectory directory) =>
        directory.ListAsync(Caller, Context.ConnectionAborted);

    /// <summary>
    /// Leaves the per-language groups of one resource (<paramref name="scopeOf"/> a language) that this connection holds,
    /// but <paramref name="keep"/>: after a <c>SetLanguage</c>, joining again moves the connection to its new language
    /// instead of adding a second one, and leaving finds the group whatever the language was.
    /// </summary>
    private async Task LeaveLanguageGroupsAsync(Func<string, ConnectionScope> scopeOf, string? keep = null)
    {
        foreach (var language in ServerMessages.Languages.Where(language => language != keep))
        {
            var scope = scopeOf(language);
            if (connections.Holds(Context.ConnectionId, scope)) await LeaveAsync(scope);
        }
    }
}

using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.LiveEvents;
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
}

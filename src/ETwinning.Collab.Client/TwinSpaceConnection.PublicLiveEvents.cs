using ETwinning.Collab.Client.Protocol;

namespace ETwinning.Collab.Client;

public sealed partial class TwinSpaceConnection
{
    /// <summary>
    /// Upcoming public events of every TwinSpace (validated teachers only). Register, join and take part with the usual
    /// live event methods and the event's TwinSpace id; nothing else of that TwinSpace opens.
    /// </summary>
    public Task<IReadOnlyList<PublicLiveEventView>> ListPublicLiveEventsAsync() =>
        InvokeAsync<IReadOnlyList<PublicLiveEventView>>("ListPublicLiveEvents");
}

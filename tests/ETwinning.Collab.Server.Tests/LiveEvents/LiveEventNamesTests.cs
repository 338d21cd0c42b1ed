using System.Reflection;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Realtime;

namespace ETwinning.Collab.Server.Tests.LiveEvents;

public sealed class LiveEventNamesTests
{
    [Fact]
    public void The_hub_client_interface_and_the_shared_event_names_are_the_same_set()
    {
        var names = typeof(LiveEventNames).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!).Order();
        Assert.Equal(names, typeof(ILiveEventsClient).GetMethods().Select(m => m.Name).Order());
    }
}

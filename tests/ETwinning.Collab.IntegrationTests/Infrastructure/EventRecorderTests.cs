namespace ETwinning.Collab.IntegrationTests.Infrastructure;

/// <summary>The recorder the recovery tests wait on: a wait that does not wait makes a test race instead of fail.</summary>
public sealed class EventRecorderTests
{
    [Fact]
    public async Task A_wait_for_a_value_type_waits_until_a_matching_one_is_recorded()
    {
        var reopened = new EventRecorder<int>();
        var waiting = reopened.WaitForAsync(count => count == 1);

        reopened.Record(2);
        Assert.False(waiting.IsCompleted, "the wait ended before a matching value was recorded");
        reopened.Record(1);

        Assert.Equal(1, await waiting);
        Assert.Equal(1, await reopened.WaitForAsync(count => count == 1));
    }
}

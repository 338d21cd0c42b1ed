namespace ETwinning.Collab.Crdt.Tests.Differential;

/// <summary>The work limit a server applies never refuses what real yjs clients produce in
/// concurrent sessions (random edits of every type, partial syncs, shuffled delivery).</summary>
public sealed class LimitsAgainstYjsTests : IDisposable
{
    private readonly YjsHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public void YjsSessionsPassTheServerWorkLimitAndEndTheSame()
    {
        var limits = new YUpdateLimits { MaxConflictSteps = 20_000 };
        long most = 0;
        for (int seed = 1; seed <= 300; seed++)
        {
            var session = _harness.Call(new { cmd = "session", seed });
            var updates = session["updates"]!.AsArray().Select(u => Convert.FromBase64String((string)u!)).ToArray();
            var limited = new YDoc(clientId: 1);
            var plain = new YDoc(clientId: 1);
            foreach (var update in updates)
            {
                var checkedUpdate = limited.Check(update, limits);
                most = Math.Max(most, checkedUpdate.ConflictSteps);
                limited.ApplyUpdate(checkedUpdate);
                plain.ApplyUpdate(update);
            }
            Assert.Equal(plain.EncodeStateAsUpdate(), limited.EncodeStateAsUpdate());
        }
        // The sessions do have concurrent insertions, so the estimate is exercised, far below the limit.
        Assert.InRange(most, 1, 1_000);
    }
}

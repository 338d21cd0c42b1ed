namespace ETwinning.Collab.Server.Features.Rooms;

/// <summary>The groups a teacher asked for, checked by <see cref="RoomSessionMachine.OpenBreakouts"/>.</summary>
public sealed record BreakoutPlan(string? Name, IReadOnlyList<string> AccountIds)
{
    /// <summary>
    /// Deals the participants who are not teachers into <paramref name="count"/> groups in a random order, as evenly
    /// as possible; teachers stay in the main session and visit the groups.
    /// </summary>
    public static IReadOnlyList<BreakoutPlan> Random(IEnumerable<SessionParticipant> participants, int count, Random random)
    {
        var pupils = participants.Where(p => !p.IsModerator).Select(p => p.AccountId).ToArray();
        random.Shuffle(pupils);
        return Enumerable.Range(0, count)
            .Select(group => new BreakoutPlan(null, pupils.Where((_, index) => index % count == group).ToList()))
            .ToList();
    }
}

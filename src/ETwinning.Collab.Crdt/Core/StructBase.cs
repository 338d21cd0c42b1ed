namespace ETwinning.Collab.Crdt.Core;

/// <summary>
/// A run of consecutive clocks of one client: an <see cref="Item"/>, a garbage-collected range
/// (<see cref="GcStruct"/>) or, only inside updates, an unknown range (<see cref="SkipStruct"/>).
/// </summary>
internal abstract class StructBase
{
    public ulong Client;
    public long Clock;
    public int Length;

    public YId Id => new(Client, Clock);

    public long EndClock => Clock + Length;

    public abstract bool IsDeleted { get; }

    /// <summary>A copy of this struct without its first <paramref name="offset"/> clocks (not integrated).</summary>
    public abstract StructBase SliceFrom(int offset);
}

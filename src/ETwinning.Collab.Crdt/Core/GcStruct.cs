namespace ETwinning.Collab.Crdt.Core;

/// <summary>A garbage-collected range: only the clocks are kept, no content and no position.</summary>
internal sealed class GcStruct : StructBase
{
    public GcStruct(ulong client, long clock, int length)
    {
        Client = client;
        Clock = clock;
        Length = length;
    }

    public override bool IsDeleted => true;

    public override StructBase SliceFrom(int offset) => new GcStruct(Client, Clock + offset, Length - offset);
}

namespace ETwinning.Collab.Crdt.Core;

/// <summary>A range of clocks an update does not contain (only appears in merged/diffed updates).</summary>
internal sealed class SkipStruct : StructBase
{
    public SkipStruct(ulong client, long clock, int length)
    {
        Client = client;
        Clock = clock;
        Length = length;
    }

    public override bool IsDeleted => true;

    public override StructBase SliceFrom(int offset) => new SkipStruct(Client, Clock + offset, Length - offset);
}

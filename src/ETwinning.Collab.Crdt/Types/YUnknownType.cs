namespace ETwinning.Collab.Crdt.Types;

/// <summary>A root that was received in an update but whose type has not been asked for yet.
/// Its content is kept and re-encoded unchanged; asking for it (GetText etc.) converts it.</summary>
internal sealed class YUnknownType : YType
{
    internal override int TypeRef => throw new InvalidOperationException("Root types are never encoded as content.");

    internal override YType CreateEmptyCopy() => new YUnknownType();
}

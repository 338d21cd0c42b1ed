using ETwinning.Collab.Crdt.Encoding;
using ETwinning.Collab.Crdt.Types;

namespace ETwinning.Collab.Crdt.Core.Contents;

/// <summary>Decodes item content by its reference number.</summary>
internal static class ContentReader
{
    public static ItemContent Read(ref Lib0Reader reader, int contentRef)
    {
        switch (contentRef)
        {
            case ItemContent.RefDeleted:
                return new DeletedContent(ReadLength(ref reader, "Deleted length"));
            case ItemContent.RefJson:
                {
                    int count = ReadLength(ref reader, "JSON count");
                    var list = new List<string>(Math.Min(count, reader.Remaining));
                    for (int i = 0; i < count; i++) list.Add(reader.ReadVarString());
                    // Parsed now so that invalid JSON is rejected before anything is integrated.
                    foreach (var json in list) _ = JsJson.Parse(json);
                    return new JsonContent(list);
                }
            case ItemContent.RefBinary:
                return new BinaryContent(reader.ReadVarUint8Array());
            case ItemContent.RefString:
                {
                    string text = reader.ReadVarString();
                    if (text.Length == 0) throw new CrdtFormatException("Empty string content.");
                    return new TextRunContent(text);
                }
            case ItemContent.RefEmbed:
                {
                    var embed = new EmbedContent(reader.ReadVarString());
                    _ = embed.Value;
                    return embed;
                }
            case ItemContent.RefFormat:
                {
                    var format = new FormatContent(reader.ReadVarString(), reader.ReadVarString());
                    _ = format.Value;
                    return format;
                }
            case ItemContent.RefType:
                {
                    int typeRef = reader.ReadVarUintAsInt("Type reference");
                    string? name = typeRef is YType.RefXmlElement or YType.RefXmlHook ? reader.ReadVarString() : null;
                    return new TypeContent(YType.Create(typeRef, name));
                }
            case ItemContent.RefAny:
                {
                    int count = ReadLength(ref reader, "Value count");
                    var list = new List<object?>(Math.Min(count, reader.Remaining));
                    for (int i = 0; i < count; i++) list.Add(reader.ReadAny());
                    return new AnyContent(list);
                }
            case ItemContent.RefDoc:
                return new DocContent(reader.ReadVarString(), reader.ReadAny());
            default:
                throw new CrdtFormatException($"Unknown content reference {contentRef}.");
        }
    }

    private static int ReadLength(ref Lib0Reader reader, string what)
    {
        int length = reader.ReadVarUintAsInt(what);
        if (length == 0) throw new CrdtFormatException($"{what} must not be zero.");
        return length;
    }
}

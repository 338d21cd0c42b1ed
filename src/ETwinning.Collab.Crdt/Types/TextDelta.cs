namespace ETwinning.Collab.Crdt.Types;

/// <summary>
/// One run of a text's content: a string (or an embed object / nested type) with the formatting
/// attributes that apply to it (null when unformatted).
/// </summary>
/// <param name="Insert">A string, an embed value (JSON-like) or a nested <see cref="YType"/>.</param>
/// <param name="Attributes">Formatting marks, e.g. <c>bold: true</c> or <c>link: {href: ...}</c>.</param>
public sealed record TextDelta(object Insert, IReadOnlyDictionary<string, object?>? Attributes);

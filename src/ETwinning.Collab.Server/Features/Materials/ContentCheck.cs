namespace ETwinning.Collab.Server.Features.Materials;

/// <summary>The verification a detected type needs after its first bytes matched.</summary>
public enum ContentCheck
{
    /// <summary>Images: decoded and re-encoded, so nothing but pixels is ever stored.</summary>
    DecodedByPipeline,
    /// <summary>Stored as uploaded (PDF, video): refused when a zip is hidden at the end (polyglot).</summary>
    StoredAsIs,
    /// <summary>Every byte must be UTF-8 text without NUL or control characters.</summary>
    Text,
    /// <summary>Office and OpenDocument containers: entries inspected (names, counts, sizes, ratios, macros).</summary>
    ZipContainer,
}

using System.Text.RegularExpressions;

namespace ETwinning.Collab.Server.Features.Pages;

/// <summary>
/// The image sources a page body may hold: a material of a TwinSpace, by the members' route
/// (<c>/api/twinspaces/{id}/materials/{materialId}/{variant}</c>, what the editor stores) or the public route
/// (<c>/api/public/{id}/materials/{materialId}/{variant}</c>, what public pages show).
/// </summary>
public sealed partial record PageImageSource(string TwinSpaceId, string MaterialId, string Variant)
{
    public string MembersUrl => $"/api/twinspaces/{TwinSpaceId}/materials/{MaterialId}/{Variant}";
    public string PublicUrl => $"/api/public/{TwinSpaceId}/materials/{MaterialId}/{Variant}";

    /// <summary>Null for anything that is not exactly one of our two material routes.</summary>
    public static PageImageSource? Parse(string? source)
    {
        if (source is null) return null;
        var match = Route().Match(source);
        return match.Success ? new(match.Groups["space"].Value, match.Groups["material"].Value, match.Groups["variant"].Value) : null;
    }

    [GeneratedRegex(@"^/api/(twinspaces|public)/(?<space>[A-Za-z0-9]{1,64})/materials/(?<material>[A-Za-z0-9]{1,64})/(?<variant>[a-z]{1,16})$")]
    private static partial Regex Route();
}

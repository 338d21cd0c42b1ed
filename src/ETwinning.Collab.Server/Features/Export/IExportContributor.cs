namespace ETwinning.Collab.Server.Features.Export;

/// <summary>
/// A feature's part of a TwinSpace export. Materials contributes its files today; pages, forums and chat add
/// theirs by registering another contributor, without touching the export itself.
/// </summary>
public interface IExportContributor
{
    /// <summary>The key of this feature's section in <c>manifest.json</c> (e.g. <c>materials</c>).</summary>
    string Section { get; }

    /// <summary>Writes this feature's entries and returns its manifest section (serialized as JSON).</summary>
    Task<object> WriteAsync(TwinSpaceExport export, CancellationToken cancellationToken);
}

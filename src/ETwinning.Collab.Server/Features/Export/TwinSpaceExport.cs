using System.IO.Compression;
using System.Text;
using ETwinning.Collab.Server.Features.TwinSpaces;
using ETwinning.Collab.Server.Features.TwinSpaces.Permissions;

namespace ETwinning.Collab.Server.Features.Export;

/// <summary>The archive being written, as contributors see it: they add entries under their own folder.</summary>
public sealed class TwinSpaceExport(ZipArchive archive, MemberContext exporter)
{
    private readonly HashSet<string> _names = new(StringComparer.OrdinalIgnoreCase);

    public TwinSpace TwinSpace { get; } = exporter.TwinSpace;

    /// <summary>Who downloads the export: contributors leave out what this member may not see (rooms they are not allowed in).</summary>
    public MemberContext Exporter { get; } = exporter;

    /// <summary>Copies a file into the archive; returns the entry name actually used (made unique).</summary>
    public async Task<string> AddFileAsync(string entryName, string sourcePath, bool compress, CancellationToken cancellationToken)
    {
        var name = Unique(entryName);
        var entry = archive.CreateEntry(name, compress ? CompressionLevel.Fastest : CompressionLevel.NoCompression);
        await using var target = await entry.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var source = new FileStream(sourcePath, FileMode.Open, FileAccess.Read, FileShare.Read, 81_920, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await source.CopyToAsync(target, cancellationToken).ConfigureAwait(false);
        return name;
    }

    /// <summary>Adds a text entry (UTF-8).</summary>
    public async Task<string> AddTextAsync(string entryName, string content, CancellationToken cancellationToken)
    {
        var name = Unique(entryName);
        var entry = archive.CreateEntry(name, CompressionLevel.Fastest);
        await using var target = await entry.OpenAsync(cancellationToken).ConfigureAwait(false);
        await target.WriteAsync(Encoding.UTF8.GetBytes(content), cancellationToken).ConfigureAwait(false);
        return name;
    }

    private string Unique(string entryName)
    {
        var name = entryName;
        var extension = Path.GetExtension(entryName);
        var stem = entryName[..^extension.Length];
        for (var number = 2; !_names.Add(name); number++) name = $"{stem} ({number}){extension}";
        return name;
    }
}

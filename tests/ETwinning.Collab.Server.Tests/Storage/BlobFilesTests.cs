using ETwinning.Collab.Server.Infrastructure.Blobs;
using Microsoft.Extensions.Logging.Abstractions;

namespace ETwinning.Collab.Server.Tests.Storage;

public sealed class BlobFilesTests
{
    [Fact]
    public void Starting_removes_temporary_files_a_crash_left_but_keeps_another_nodes_upload_in_progress()
    {
        using var folder = new TempFolder();
        var first = new BlobFiles(folder.Path, NullLogger.Instance);
        var leftOver = first.NewTempPath();
        File.WriteAllText(leftOver, "half an upload from yesterday");
        File.SetLastWriteTimeUtc(leftOver, DateTime.UtcNow.AddDays(-1));
        var inProgress = first.NewTempPath();
        File.WriteAllText(inProgress, "another node is writing this right now");

        // A node starting on the same shared folder.
        _ = new BlobFiles(folder.Path, NullLogger.Instance);

        Assert.False(File.Exists(leftOver));
        Assert.True(File.Exists(inProgress));
    }
}

namespace ETwinning.Collab.IntegrationTests.Infrastructure;

/// <summary>Finds folders of this repository from the test binaries, wherever the clone lives.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string WebClientDist => Path.Combine(Root, "samples", "web-client", "dist");

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "ETwinning.Collab.sln"))) return folder.FullName;
        throw new InvalidOperationException("ETwinning.Collab.sln not found above the test binaries.");
    }
}

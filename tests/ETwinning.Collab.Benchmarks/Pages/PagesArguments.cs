using System.Globalization;

namespace ETwinning.Collab.Benchmarks.Pages;

/// <summary>What the live-page loads (<c>pages</c>, <c>pages-vs</c>) are told alike: how long editors type, the trace, the server build.</summary>
internal sealed record PagesArguments(string Root, int Seconds, string Trace, string ServerDll)
{
    /// <summary>Characters an editor types per second (a brisk typist), the same in every live-page load.</summary>
    public const double CharsPerSecond = 5;

    public static PagesArguments Parse(string[] args)
    {
        var root = BenchServer.RepositoryRoot();
        return new(root, int.Parse(Option(args, "--seconds") ?? "20", CultureInfo.InvariantCulture),
            Option(args, "--trace") ?? Path.Combine(root, "..", "shared", "data", "traces", "automerge-paper.json.gz"),
            // Another build of our server (e.g. of an earlier commit) for before/after runs.
            Option(args, "--server") ?? BenchServer.ServerDll(root));
    }

    public static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}

using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ETwinning.Collab.Crdt.Tests.Differential;

/// <summary>
/// One long-running Node process running <c>yjs-harness/harness.js</c> (the real yjs from npm).
/// Requests and responses are single JSON lines, so many cases share one process.
/// </summary>
public sealed class YjsHarness : IDisposable
{
    private readonly Process _process;

    public YjsHarness()
    {
        string folder = Path.Combine(FindRepositoryRoot(), "tests", "ETwinning.Collab.Crdt.Tests", "yjs-harness");
        if (!Directory.Exists(Path.Combine(folder, "node_modules", "yjs")))
        {
            throw new InvalidOperationException($"yjs is not installed: run `npm ci` in {folder}.");
        }
        var start = new ProcessStartInfo("node", "harness.js")
        {
            WorkingDirectory = folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = false,
            UseShellExecute = false,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
    }

    /// <summary>The folder containing ETwinning.Collab.sln, found by walking up from the test binaries.</summary>
    public static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ETwinning.Collab.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("ETwinning.Collab.sln not found above " + AppContext.BaseDirectory);
    }

    public JsonObject Call(object request)
    {
        _process.StandardInput.WriteLine(JsonSerializer.Serialize(request));
        _process.StandardInput.Flush();
        string line = _process.StandardOutput.ReadLine() ?? throw new InvalidOperationException("The yjs harness exited.");
        var response = JsonNode.Parse(line)!.AsObject();
        if (response["error"] is { } error) throw new InvalidOperationException("yjs harness error: " + error);
        return response;
    }

    public void Dispose()
    {
        try
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(5000)) _process.Kill();
        }
        finally
        {
            _process.Dispose();
        }
    }
}

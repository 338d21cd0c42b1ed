namespace ETwinning.Collab.Server.Tests.RichText;

/// <summary>Reads xss-corpus.txt: "=== name" lines start a vector, the lines after it are its Markdown.</summary>
internal static class XssCorpus
{
    public static IReadOnlyList<(string Name, string Markdown)> Vectors { get; } = Load();

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var (name, _) in Vectors) data.Add(name);
        return data;
    }

    public static string Markdown(string name) => Vectors.Single(v => v.Name == name).Markdown;

    private static List<(string, string)> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "RichText", "xss-corpus.txt");
        var vectors = new List<(string, string)>();
        string? name = null;
        var body = new List<string>();
        foreach (var line in File.ReadAllLines(path))
        {
            if (line.StartsWith("=== ", StringComparison.Ordinal))
            {
                if (name is not null) vectors.Add((name, Join(body)));
                name = line[4..];
                body.Clear();
            }
            else if (name is not null) body.Add(line);
        }
        if (name is not null) vectors.Add((name, Join(body)));
        return vectors;
    }

    private static string Join(List<string> lines) => string.Join('\n', lines).Replace("{NUL}", "\0", StringComparison.Ordinal);
}

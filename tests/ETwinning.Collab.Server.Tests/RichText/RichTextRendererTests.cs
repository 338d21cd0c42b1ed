using ETwinning.Collab.Server.Infrastructure.RichText;

namespace ETwinning.Collab.Server.Tests.RichText;

public sealed class RichTextRendererTests
{
    private readonly RichTextRenderer _renderer = new();

    [Theory]
    [MemberData(nameof(CorpusNames))]
    public void Every_known_xss_vector_renders_without_executable_content(string vector)
    {
        var html = _renderer.Render(XssCorpus.Markdown(vector));

        SafeHtmlAssert.IsSafe(html);
        // Rendering what we produced again changes nothing: the output is a fixed point of the sanitizer.
        Assert.Equal(html, _renderer.Sanitize(html));
    }

    public static TheoryData<string> CorpusNames() => XssCorpus.Names();

    [Fact]
    public void The_corpus_holds_the_vectors_the_issue_lists()
    {
        var names = XssCorpus.Vectors.Select(v => v.Name).ToList();
        Assert.True(names.Count >= 50, $"only {names.Count} vectors");
        foreach (var topic in new[] { "script", "onerror", "svg", "javascript link", "autolink", "entity", "data url", "style",
                     "iframe", "formaction", "meta refresh", "title injection", "broken", "unicode" })
            Assert.Contains(names, n => n.Contains(topic, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Raw_html_is_shown_as_text_not_dropped_silently()
    {
        var html = _renderer.Render("Look: <b onclick=\"x()\">bold?</b>");

        Assert.Equal("<p>Look: &lt;b onclick=\"x()\"&gt;bold?&lt;/b&gt;</p>", html);
    }

    [Fact]
    public void Markdown_formatting_lists_quotes_code_and_tables_render()
    {
        var html = _renderer.Render("# Our water\n\n**bold** _it_ ~~gone~~\n\n> quoted\n\n1. one\n2. two\n\n`code`\n\n| a | b |\n|---|---|\n| 1 | 2 |");

        Assert.Contains("<h1>Our water</h1>", html);
        Assert.Contains("<strong>bold</strong> <em>it</em> <del>gone</del>", html);
        Assert.Contains("<blockquote>", html);
        Assert.Contains("<ol>", html);
        Assert.Contains("<code>code</code>", html);
        Assert.Contains("<td>1</td>", html);
        SafeHtmlAssert.IsSafe(html);
    }

    [Fact]
    public void Web_links_open_in_a_new_tab_without_referrer_or_opener()
    {
        var html = _renderer.Render("[our school](https://school.example/a?b=1&c=2) and www.example.org");

        Assert.Contains("<a href=\"https://school.example/a?b=1&amp;c=2\" rel=\"nofollow noopener noreferrer ugc\" target=\"_blank\">our school</a>", html);
        Assert.Contains("href=\"http://www.example.org\"", html);
    }

    [Fact]
    public void Mail_and_relative_links_are_kept_without_a_new_tab()
    {
        var html = _renderer.Render("[mail](mailto:class@school.example) [page](/pages/1)");

        Assert.Contains("<a href=\"mailto:class@school.example\" rel=\"nofollow noopener noreferrer ugc\">mail</a>", html);
        Assert.Contains("<a href=\"/pages/1\" rel=\"nofollow noopener noreferrer ugc\">page</a>", html);
    }

    [Fact]
    public void A_markdown_image_becomes_a_link_to_its_address()
    {
        var html = _renderer.Render("![our river](https://example.org/river.png)");

        Assert.Equal("<p><a href=\"https://example.org/river.png\" rel=\"nofollow noopener noreferrer ugc\" target=\"_blank\">our river</a></p>", html);
    }

    [Fact]
    public void A_javascript_link_keeps_its_text_but_loses_its_target()
    {
        var html = _renderer.Render("[click me](javascript:alert(1))");

        Assert.Equal("<p><a rel=\"nofollow noopener noreferrer ugc\">click me</a></p>", html);
    }

    [Fact]
    public void Bidirectional_overrides_are_removed_and_emoji_sequences_kept()
    {
        var family = "\U0001F468\u200D\U0001F469\u200D\U0001F467";
        var html = _renderer.Render("\u202Egpj.exe " + family);

        Assert.Equal("<p>gpj.exe " + family + "</p>", html);
    }
}

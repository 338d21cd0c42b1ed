using Xunit.Sdk;

namespace ETwinning.Collab.Server.Tests.RichText;

/// <summary>The corpus test is only as good as its check: each of these must be caught.</summary>
public sealed class SafeHtmlAssertTests
{
    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<p onclick=\"alert(1)\">x</p>")]
    [InlineData("<p title=\"a\" onclick=alert(1)>x</p>")]
    [InlineData("<a href=\"javascript:alert(1)\" rel=\"nofollow noopener noreferrer ugc\">x</a>")]
    [InlineData("<a href=\" java\tscript:alert(1)\" rel=\"nofollow noopener noreferrer ugc\">x</a>")]
    [InlineData("<a href=\"data:text/html,x\" rel=\"nofollow noopener noreferrer ugc\">x</a>")]
    [InlineData("<a href=\"ftp://example.org\" rel=\"nofollow noopener noreferrer ugc\">x</a>")]
    [InlineData("<a href=\"https://example.org\">no rel</a>")]
    [InlineData("<p style=\"display:none\">x</p>")]
    [InlineData("<img src=x>")]
    [InlineData("<svg></svg>")]
    [InlineData("<div>not allowed</div>")]
    public void Unsafe_html_fails_the_check(string html) =>
        Assert.ThrowsAny<XunitException>(() => SafeHtmlAssert.IsSafe(html));

    [Fact]
    public void Escaped_markup_in_text_passes() =>
        SafeHtmlAssert.IsSafe("<p>&lt;script&gt;alert(1)&lt;/script&gt; &lt;b onclick=\"x\"&gt;</p>");
}

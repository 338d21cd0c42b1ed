using ETwinning.Collab.Server.Features.LiveEvents;

namespace ETwinning.Collab.Server.Tests.LiveEvents;

public sealed class LiveCsvTests
{
    [Fact]
    public void Cells_are_quoted_as_needed_and_formulas_are_defused()
    {
        var csv = new LiveCsv().Row("plain", "with, comma", "with \"quotes\"", "=HYPERLINK(\"x\")", 42).ToString();

        Assert.Equal("plain,\"with, comma\",\"with \"\"quotes\"\"\",\"'=HYPERLINK(\"\"x\"\")\",42\r\n", csv);
    }
}

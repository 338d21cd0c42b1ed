using ETwinning.Collab.Server.Features.Materials;

namespace ETwinning.Collab.Server.Tests.Materials;

public sealed class FileNamesTests
{
    [Theory]
    [InlineData("../../etc/passwd", "txt", "passwd.txt")]
    [InlineData("..\\..\\windows\\win.ini", "txt", "win.txt")]
    [InlineData("holiday.jpg.exe", "jpg", "holiday.jpg.jpg")]
    [InlineData("Ausflug zum Fluss (2).JPG", "jpg", "Ausflug zum Fluss (2).jpg")]
    [InlineData("rapport; rm -rf ~ <script>.pdf", "pdf", "rapport_ rm -rf _ _script.pdf")]
    [InlineData("CON.txt", "txt", "_CON.txt")]
    [InlineData("....", "pdf", "file.pdf")]
    [InlineData(null, "png", "file.png")]
    [InlineData("name\u0000with\u001bcontrol.txt", "txt", "name_with_control.txt")]
    [InlineData("Łódź café.webp", "webp", "Łódź café.webp")]
    public void Names_lose_folders_and_unsafe_characters_and_get_the_detected_extension(string? name, string extension, string expected) =>
        Assert.Equal(expected, FileNames.Sanitize(name, extension));

    [Fact]
    public void Long_names_are_shortened()
    {
        var name = FileNames.Sanitize(new string('a', 500) + ".txt", "txt");
        Assert.Equal(104, name.Length);
    }
}

using System.Globalization;
using System.Resources;

namespace ETwinning.Collab.Server.Infrastructure.Localization;

/// <summary>
/// The server's message catalogue: <c>ServerMessages.resx</c> (English) and one <c>ServerMessages.&lt;language&gt;.resx</c>
/// per language, compiled into satellite assemblies by the SDK and read with .NET's <see cref="ResourceManager"/>, which
/// falls back to English for a key a language lacks. Keys are stable; templates use <c>{0}</c>-style arguments.
/// </summary>
public static class ServerMessages
{
    /// <summary>The languages with a catalogue, as the web client offers them.</summary>
    public static readonly IReadOnlyList<string> Languages = ["en", "de", "fr", "it", "pl", "pt", "es"];

    private static readonly ResourceManager Catalogue =
        new("ETwinning.Collab.Server.Infrastructure.Localization.ServerMessages", typeof(ServerMessages).Assembly);

    /// <summary>The template of <paramref name="key"/> in <paramref name="culture"/> (or English), or null for an unknown key.</summary>
    public static string? Template(string key, CultureInfo culture) => Catalogue.GetString(key, culture);

    /// <summary>A field name (<c>Title</c>, <c>Reason</c>) in <paramref name="culture"/>, or the name itself when it has no entry.</summary>
    public static string Field(string name, CultureInfo culture) =>
        Catalogue.GetString("Field_" + name.Replace(" ", "", StringComparison.Ordinal), culture) ?? name;
}

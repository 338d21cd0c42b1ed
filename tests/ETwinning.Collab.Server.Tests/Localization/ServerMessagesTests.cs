using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using ETwinning.Collab.Server.Infrastructure.Errors;
using ETwinning.Collab.Server.Infrastructure.Localization;
using Microsoft.AspNetCore.Http;

namespace ETwinning.Collab.Server.Tests.Localization;

/// <summary>The server's message catalogues: complete in every language, chosen by the caller, codes unchanged.</summary>
public sealed partial class ServerMessagesTests
{
    private static readonly ResourceManager Catalogue =
        new("ETwinning.Collab.Server.Infrastructure.Localization.ServerMessages", typeof(ServerMessages).Assembly);

    public static TheoryData<string> Translations() => new(ServerMessages.Languages.Where(language => language != "en"));

    [Theory]
    [MemberData(nameof(Translations))]
    public void Every_language_has_every_key_with_the_same_placeholders(string language)
    {
        var english = Entries(CultureInfo.InvariantCulture);
        var translated = Entries(CultureInfo.GetCultureInfo(language));
        Assert.Equal(english.Keys.Order(), translated.Keys.Order());
        foreach (var (key, template) in english)
            Assert.True(Placeholders(template) == Placeholders(translated[key]), $"{language} {key}: '{translated[key]}'");
    }

    [Fact]
    public void A_keyed_refusal_is_told_in_the_readers_language_and_keeps_its_code()
    {
        var refusal = CollabException.RateLimited("Too many wrong passwords. Try again in 5 minute(s).").WithKey("Login_LockedOut", 5);

        Assert.Equal("Zu viele falsche Passwörter. Versuche es in 5 Minute(n) noch einmal.", ErrorMessages.For(refusal, CultureInfo.GetCultureInfo("de")));
        Assert.Equal("Too many wrong passwords. Try again in 5 minute(s).", ErrorMessages.For(refusal, CultureInfo.GetCultureInfo("en")));
        Assert.Equal(ErrorCodes.RateLimited, refusal.Code);
    }

    [Fact]
    public void Field_names_are_translated_inside_validation_messages()
    {
        var refusal = Assert.Throws<CollabException>(() => Require.Text("", "Title", 1, 10));

        Assert.Equal("Titolo: obbligatorio.", ErrorMessages.For(refusal, CultureInfo.GetCultureInfo("it")));
        Assert.Equal("Title is required.", refusal.Message);
    }

    [Fact]
    public void A_refusal_without_a_key_stays_in_English()
    {
        var refusal = CollabException.Conflict("This item was resolved already.");

        Assert.Equal("This item was resolved already.", ErrorMessages.For(refusal, CultureInfo.GetCultureInfo("pl")));
    }

    [Theory]
    [InlineData("fr", "de-DE,de;q=0.9", "fr")]
    [InlineData(null, "ja-JP, pt-BR;q=0.8, es;q=0.9", "es")]
    [InlineData(null, "ja-JP", "en")]
    [InlineData("xx", null, "en")]
    [InlineData(null, null, "en")]
    public void The_language_is_the_lang_parameter_else_the_best_accepted_one_else_English(string? lang, string? acceptLanguage, string expected)
    {
        var context = new DefaultHttpContext();
        if (lang is not null) context.Request.QueryString = new QueryString($"?lang={lang}");
        if (acceptLanguage is not null) context.Request.Headers.AcceptLanguage = acceptLanguage;

        Assert.Equal(expected, RequestLanguage.Of(context).Name);
    }

    private static Dictionary<string, string> Entries(CultureInfo culture)
    {
        // Not disposed: the ResourceManager caches the set and hands the same one to the next caller.
        var set = Catalogue.GetResourceSet(culture, createIfNotExists: true, tryParents: false)
            ?? throw new InvalidOperationException($"No catalogue for {culture.Name}.");
        return set.Cast<System.Collections.DictionaryEntry>().ToDictionary(entry => (string)entry.Key, entry => (string)entry.Value!);
    }

    private static string Placeholders(string template) =>
        string.Join(" ", PlaceholderPattern().Matches(template).Select(match => match.Value).Order());

    [GeneratedRegex(@"\{\d+(:[^}]*)?\}")]
    private static partial Regex PlaceholderPattern();
}

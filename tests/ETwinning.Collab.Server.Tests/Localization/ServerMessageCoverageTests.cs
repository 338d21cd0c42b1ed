using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Reflection.Emit;
using System.Resources;
using System.Text.RegularExpressions;
using ETwinning.Collab.Server.Infrastructure.Errors;
using ETwinning.Collab.Server.Infrastructure.Localization;

namespace ETwinning.Collab.Server.Tests.Localization;

/// <summary>
/// Every refusal the server can send reaches readers in their language: read from the server's compiled code, each
/// <see cref="CollabException"/> it creates names a catalogue key (<see cref="CollabException.WithKey"/>) before it is
/// thrown or returned, and every key and field name the code names has a message in all seven catalogues. A new refusal
/// without a key, or a key without its translations, fails here.
/// </summary>
public sealed partial class ServerMessageCoverageTests
{
    private static readonly Assembly Server = typeof(CollabException).Assembly;
    private static readonly MethodInfo WithKey = typeof(CollabException).GetMethod(nameof(CollabException.WithKey))!;
    private static readonly ResourceManager Catalogue =
        new("ETwinning.Collab.Server.Infrastructure.Localization.ServerMessages", typeof(ServerMessages).Assembly);

    [Fact]
    public void Every_refusal_the_server_creates_names_its_catalogue_key()
    {
        var unkeyed = IlInstructions.MethodsOf(Server).Where(method => method.DeclaringType != typeof(CollabException) && LeavesUnkeyed(method))
            .Select(Name).Distinct().Order().ToList();
        Assert.True(unkeyed.Count == 0, "Refusals without a message key (add .WithKey(\"...\") and the key to every ServerMessages.*.resx):\n" + string.Join("\n", unkeyed));
    }

    [Fact]
    public void The_check_finds_a_refusal_without_a_key()
    {
        Assert.True(LeavesUnkeyed(typeof(ServerMessageCoverageTests).GetMethod(nameof(Unkeyed), BindingFlags.NonPublic | BindingFlags.Static)!));
        Assert.False(LeavesUnkeyed(typeof(ServerMessageCoverageTests).GetMethod(nameof(Keyed), BindingFlags.NonPublic | BindingFlags.Static)!));
    }

    public static TheoryData<string> Languages() => new(ServerMessages.Languages);

    [Theory]
    [MemberData(nameof(Languages))]
    public void Every_key_the_server_names_has_a_message_in_the_language(string language)
    {
        var keys = KeysNamedByServer();
        Assert.Contains("Room_Full", keys); // the scan reads keys, not nothing
        var entries = Entries(language);
        var missing = keys.Where(key => !entries.TryGetValue(key, out var text) || string.IsNullOrWhiteSpace(text)).Order().ToList();
        Assert.True(missing.Count == 0, $"Keys without a message in ServerMessages ({language}):\n" + string.Join("\n", missing));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Every_field_name_a_reader_sees_has_a_name_in_the_language(string language)
    {
        var fields = FieldNamesNamedByServer();
        Assert.Contains("Title", fields);
        var entries = Entries(language);
        var missing = fields.Where(field => !entries.ContainsKey("Field_" + field.Replace(" ", "", StringComparison.Ordinal))).Order().ToList();
        Assert.True(missing.Count == 0, $"Field names without an entry Field_<name> in ServerMessages ({language}):\n" + string.Join("\n", missing));
    }

    [Fact]
    public void Every_error_code_has_its_internal_message_in_every_language()
    {
        // Codes are stable and never translated; what a reader sees for a fault is the catalogue's Error_Internal.
        var codes = typeof(ErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Where(field => field.IsLiteral)
            .Select(field => (string)field.GetValue(null)!).ToList();
        Assert.Contains(ErrorCodes.Internal, codes);
        foreach (var language in ServerMessages.Languages)
            Assert.False(string.IsNullOrWhiteSpace(Entries(language).GetValueOrDefault(ErrorMessages.InternalKey)), language);
    }

    /// <summary>
    /// A <see cref="CollabException"/> created (constructor or factory) and thrown or returned without a WithKey call in
    /// between. Branches of one expression (<c>a ? X() : Y()</c>) meet at the same WithKey, so any WithKey settles every
    /// refusal created before it.
    /// </summary>
    private static bool LeavesUnkeyed(MethodBase method)
    {
        var pending = false;
        foreach (var (code, operand) in IlInstructions.Of(method))
        {
            if (operand is MethodBase called && CreatesRefusal(code, called)) pending = true;
            else if (operand is MethodInfo info && info == WithKey) pending = false;
            else if (pending && (code == OpCodes.Throw || code == OpCodes.Ret)) return true;
        }
        return pending;
    }

    private static bool CreatesRefusal(OpCode code, MethodBase called) => called.DeclaringType == typeof(CollabException) &&
        (code == OpCodes.Newobj && called is ConstructorInfo
         || called is MethodInfo { IsStatic: true } factory && factory.ReturnType == typeof(CollabException));

    /// <summary>String literals of the server shaped like catalogue keys (<c>Area_Name</c>): passed to WithKey directly or through a field.</summary>
    private static HashSet<string> KeysNamedByServer() => IlInstructions.MethodsOf(Server)
        .SelectMany(IlInstructions.Of)
        .Select(instruction => instruction.Operand as string)
        .OfType<string>()
        .Where(literal => KeyPattern().IsMatch(literal))
        .ToHashSet();

    /// <summary>Literals passed as the <c>field</c> of input checks (Require, LiveText): those starting in capitals are shown to readers.</summary>
    private static HashSet<string> FieldNamesNamedByServer()
    {
        var fields = new HashSet<string>();
        foreach (var method in IlInstructions.MethodsOf(Server))
        {
            string? lastLiteral = null;
            foreach (var (_, operand) in IlInstructions.Of(method))
            {
                if (operand is string literal) lastLiteral = KeyPattern().IsMatch(literal) ? null : literal;
                else if (operand is MethodBase called && called.GetParameters().Any(p => p.Name == "field" && p.ParameterType == typeof(string))
                         && lastLiteral is { Length: > 0 } name && char.IsUpper(name[0]))
                    fields.Add(name);
            }
        }
        return fields;
    }

    private static Dictionary<string, string> Entries(string language)
    {
        var culture = language == "en" ? CultureInfo.InvariantCulture : CultureInfo.GetCultureInfo(language);
        var set = Catalogue.GetResourceSet(culture, createIfNotExists: true, tryParents: false)
            ?? throw new InvalidOperationException($"No catalogue for {language}.");
        return set.Cast<DictionaryEntry>().ToDictionary(entry => (string)entry.Key, entry => (string)entry.Value!);
    }

    private static string Name(MethodBase method) => $"{method.DeclaringType?.FullName}.{method.Name}";

    private static CollabException Unkeyed() => CollabException.Conflict("Not in any catalogue.");

    private static CollabException Keyed() => CollabException.Conflict("This item was resolved already.").WithKey("Moderation_Resolved");

    [GeneratedRegex(@"^[A-Z][A-Za-z]+_[A-Z][A-Za-z0-9-]*$")]
    private static partial Regex KeyPattern();
}

namespace ETwinning.Collab.Crdt.Types;

/// <summary>An XML hook (a named map used by some editor bindings). Kept and re-encoded.</summary>
public sealed class YXmlHook : YType
{
    internal YXmlHook(string hookName) => HookName = hookName;

    /// <summary>The hook name.</summary>
    public string HookName { get; }

    internal override int TypeRef => RefXmlHook;

    internal override string? NodeNameForEncoding => HookName;

    internal override YType CreateEmptyCopy() => new YXmlHook(HookName);

    /// <summary>Current entries.</summary>
    public IEnumerable<KeyValuePair<string, object?>> Entries => MapEntries();
}

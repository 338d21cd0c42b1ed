using ETwinning.Collab.Server.Infrastructure.Errors;
using ETwinning.Collab.Server.Infrastructure.Localization;

namespace ETwinning.Collab.Server.Realtime;

public sealed partial class TwinSpaceHub
{
    /// <summary>
    /// Changes the language of this connection's messages from now on (the reader switched languages); returns the
    /// language chosen ("pt-BR" gives "pt"). A tag without a catalogue is refused, and the language stays as it was.
    /// </summary>
    public string SetLanguage(string language)
    {
        var culture = RequestLanguage.Supported(language)
            ?? throw CollabException.Invalid($"Unknown language; choose one of {string.Join(", ", ServerMessages.Languages)}.")
                .WithKey("Language_Unknown", string.Join(", ", ServerMessages.Languages));
        ConnectionLanguage.Set(Context, culture);
        return culture.Name;
    }
}

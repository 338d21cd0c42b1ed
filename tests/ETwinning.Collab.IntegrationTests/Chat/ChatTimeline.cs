using ETwinning.Collab.Client.Protocol;

namespace ETwinning.Collab.IntegrationTests.Chat;

/// <summary>
/// What a careful client keeps per channel: messages in sequence order, each once. Live events and recovered pages
/// both go through <see cref="Apply"/>; duplicates are counted and dropped, early arrivals wait for the gap to fill.
/// </summary>
public sealed class ChatTimeline
{
    private readonly Lock _gate = new();
    private readonly List<ChatMessageView> _messages = [];
    private readonly SortedDictionary<long, ChatMessageView> _early = [];

    public long LastSequence { get { lock (_gate) return _messages.Count == 0 ? 0 : _messages[^1].Sequence; } }

    public int DuplicatesDropped { get; private set; }

    public IReadOnlyList<ChatMessageView> Messages { get { lock (_gate) return [.. _messages]; } }

    /// <summary>Messages that arrived ahead of a gap and wait for it to be filled.</summary>
    public IReadOnlyList<ChatMessageView> Pending { get { lock (_gate) return [.. _early.Values]; } }

    public void Apply(ChatMessageView message)
    {
        lock (_gate)
        {
            var last = _messages.Count == 0 ? 0 : _messages[^1].Sequence;
            if (message.Sequence <= last || _early.ContainsKey(message.Sequence))
            {
                DuplicatesDropped++;
                return;
            }
            _early[message.Sequence] = message;
            while (_early.Remove(last + 1, out var next))
            {
                _messages.Add(next);
                last = next.Sequence;
            }
        }
    }
}

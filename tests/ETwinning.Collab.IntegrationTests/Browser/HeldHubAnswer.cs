using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace ETwinning.Collab.IntegrationTests.Browser;

/// <summary>
/// Sits on the WebSocket between a browser context and the hub (SignalR's JSON protocol) and forwards every record both
/// ways, except that, once armed, it holds the answer to the page's next call of one hub method until released, while
/// the records after it go through. That is the order a page sees when the server answers a call with what it read
/// just before an event it broadcast first: a race the tests can then produce on demand instead of waiting for it.
/// </summary>
internal sealed class HeldHubAnswer
{
    private const char RecordSeparator = '\u001e';

    private readonly Lock _gate = new();
    private readonly string _method;
    private bool _armed;
    private string? _invocationId;
    private string? _held;
    private IWebSocketRoute? _page;
    private readonly List<(Func<JsonElement, bool> Matches, TaskCompletionSource Passed)> _watched = [];

    private HeldHubAnswer(string method) => _method = method;

    /// <summary>Completes once the answer is held.</summary>
    public TaskCompletionSource Holding { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static async Task<HeldHubAnswer> AttachAsync(IBrowserContext context, string method)
    {
        var held = new HeldHubAnswer(method);
        await context.RouteWebSocketAsync(new Regex("/hubs/twinspace"), held.Route);
        return held;
    }

    /// <summary>From now on, the answer to the page's next call of the method is held.</summary>
    public void Arm()
    {
        lock (_gate) _armed = true;
    }

    /// <summary>Completes once a record from the server for which <paramref name="matches"/> is true has reached the page.</summary>
    public Task PassedAsync(Func<JsonElement, bool> matches)
    {
        var passed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate) _watched.Add((matches, passed));
        return passed.Task;
    }

    /// <summary>Hands the held answer to the page, after everything that passed it.</summary>
    public void Release()
    {
        lock (_gate)
        {
            if (_held is null || _page is null) throw new InvalidOperationException("No answer is held.");
            _page.Send(_held + RecordSeparator);
            _held = null;
        }
    }

    private void Route(IWebSocketRoute page)
    {
        var server = page.ConnectToServer();
        lock (_gate) _page = page;
        page.OnMessage(frame =>
        {
            if (frame.Text is null) { server.Send(frame.Binary!); return; }
            lock (_gate)
                foreach (var record in Records(frame.Text))
                    if (_armed && _invocationId is null && Parse(record) is { } call && Is(call, "target", _method) && call.TryGetProperty("invocationId", out var id))
                        _invocationId = id.GetString();
            server.Send(frame.Text);
        });
        server.OnMessage(frame =>
        {
            if (frame.Text is null) { page.Send(frame.Binary!); return; }
            lock (_gate)
            {
                var passing = new List<string>();
                var passed = new List<JsonElement>();
                foreach (var record in Records(frame.Text))
                {
                    var parsed = Parse(record);
                    if (_invocationId is not null && parsed is { } answer && Is(answer, "invocationId", _invocationId))
                    {
                        _held = record;
                        _invocationId = null;
                        _armed = false;
                        Holding.TrySetResult();
                        continue;
                    }
                    passing.Add(record);
                    if (parsed is { } element) passed.Add(element);
                }
                if (passing.Count > 0) page.Send(string.Concat(passing.Select(record => record + RecordSeparator)));
                foreach (var (matches, done) in _watched)
                    if (passed.Any(matches)) done.TrySetResult();
            }
        });
    }

    private static string[] Records(string text) => text.Split(RecordSeparator, StringSplitOptions.RemoveEmptyEntries);

    private static JsonElement? Parse(string record)
    {
        try { return JsonSerializer.Deserialize<JsonElement>(record); }
        catch (JsonException) { return null; }
    }

    private static bool Is(JsonElement record, string property, string value) =>
        record.ValueKind == JsonValueKind.Object && record.TryGetProperty(property, out var found) && found.ValueKind == JsonValueKind.String &&
        found.GetString() == value;
}

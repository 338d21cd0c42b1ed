using System.Diagnostics;
using System.Text.Json;
using ETwinning.Collab.Benchmarks.Commands;
using ETwinning.Collab.Crdt;
using ETwinning.Collab.Crdt.Tests.Unit;

namespace ETwinning.Collab.Benchmarks.Crdt;

/// <summary>
/// The "every later update costs more" attack: updates whose items all sit between the same two
/// characters, each item from a new, higher client id, so every item integrates after all earlier
/// ones (YATA scans the concurrent siblings). Reports the time per update with and without the
/// engine's work limit, to show where the cost is and what the limit leaves of it.
/// </summary>
internal sealed class CraftedSiblingsCommand : IBenchmarkCommand
{
    public string Usage => "[--items 5000] [--updates 12] [--limit <conflict steps>]";

    public int Run(string[] args)
    {
        int items = IntArg(args, "--items", 5000);
        int updates = IntArg(args, "--updates", 12);
        long limit = IntArg(args, "--limit", 0);
        var doc = new YDoc(clientId: 1);
        doc.GetText("t").Insert(0, "ab");
        ulong nextClient = 1000;
        for (int u = 0; u < updates; u++)
        {
            var update = Craft(ref nextClient, items);
            var sw = Stopwatch.StartNew();
            string outcome = "applied";
            try
            {
                if (limit > 0) doc.ApplyUpdate(update, origin: null, new YUpdateLimits { MaxConflictSteps = limit });
                else doc.ApplyUpdate(update);
            }
            catch (CrdtLimitException e)
            {
                outcome = "refused: " + e.Message;
            }
            Console.WriteLine(JsonSerializer.Serialize(new { update = u + 1, bytes = update.Length, ms = Math.Round(sw.Elapsed.TotalMilliseconds, 1), outcome }));
        }
        return 0;
    }

    /// <summary>One update of <paramref name="items"/> one-character items from rising client ids, all
    /// with origin 1:0 and right origin 1:1 (between "a" and "b").</summary>
    internal static byte[] Craft(ref ulong nextClient, int items)
    {
        var update = CraftedUpdates.Siblings(nextClient, items);
        nextClient += (ulong)items;
        return update;
    }

    private static int IntArg(string[] args, string name, int fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture) : fallback;
    }
}

using ETwinning.Collab.Benchmarks.Commands;

// Small command dispatcher: `dotnet run -c Release --project tests/ETwinning.Collab.Benchmarks -- <command> <args>`.
var commands = new Dictionary<string, IBenchmarkCommand>(StringComparer.OrdinalIgnoreCase)
{
    ["trace"] = new TraceCommand(),
    ["merge"] = new MergeCommand(),
    ["pages"] = new ETwinning.Collab.Benchmarks.Pages.PagesCommand(),
    ["materials"] = new ETwinning.Collab.Benchmarks.Materials.MaterialsCommand(),
    ["chat"] = new ETwinning.Collab.Benchmarks.Chat.ChatLoadCommand(),
    ["pages-vs"] = new ETwinning.Collab.Benchmarks.Pages.PagesVsCommand(),
    ["page-memory"] = new ETwinning.Collab.Benchmarks.Pages.PageMemoryCommand(),
    ["crafted-siblings"] = new ETwinning.Collab.Benchmarks.Crdt.CraftedSiblingsCommand(),
    ["storage"] = new ETwinning.Collab.Benchmarks.Storage.StorageCommand(),
    ["live-quiz"] = new ETwinning.Collab.Benchmarks.LiveEvents.LiveQuizLoadCommand(),
    ["room-signalling"] = new ETwinning.Collab.Benchmarks.Rooms.RoomSignallingLoadCommand(),
};

if (args.Length == 0 || !commands.TryGetValue(args[0], out var command))
{
    Console.Error.WriteLine("usage: <command> [args]");
    foreach (var (name, c) in commands) Console.Error.WriteLine($"  {name} {c.Usage}");
    return 2;
}
return command.Run(args[1..]);

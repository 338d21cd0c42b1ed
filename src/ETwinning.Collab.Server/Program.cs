using ETwinning.Collab.Server;
using ETwinning.Collab.Server.Features.Storage;

// `storage copy|verify ...` moves data between storage providers instead of running the server (docs/storage-migration.md).
if (StorageCommand.Matches(args)) return await StorageCommand.RunAsync(args, Console.Out, Console.Error);

var app = CollabApp.Build(args);
app.Run();
return 0;

using ETwinning.Collab.Server;

var app = CollabApp.Build(args);
app.Run();

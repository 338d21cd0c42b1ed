namespace ETwinning.Collab.Server.Features.Demo;

public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>Create a demo TwinSpace on first start. On by default in Development, off in Production.</summary>
    public bool? Enabled { get; set; }
}

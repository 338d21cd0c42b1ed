namespace ETwinning.Collab.IntegrationTests.Browser;

/// <summary>Browser tests share one Chromium and run one after another: the machine has few cores.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}

using ETwinning.Collab.Server.Features.Storage;
using ETwinning.Collab.Server.Infrastructure.Storage;
using ETwinning.Collab.Server.Tests.Storage.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace ETwinning.Collab.Server.Tests.Storage.LiteDb;

/// <summary>The embedded provider in a temporary folder, wired by the same registration the server uses.</summary>
public sealed class LiteDbStoreProvider : IStoreProvider
{
    private readonly TempFolder _folder = new();
    private ServiceProvider _services;

    private LiteDbStoreProvider() => _services = Build();

    public static Task<IStoreProvider> OpenAsync() => Task.FromResult<IStoreProvider>(new LiteDbStoreProvider());

    public TStore Get<TStore>() where TStore : notnull => _services.GetRequiredService<TStore>();

    public async Task RestartAsync()
    {
        await _services.DisposeAsync();
        _services = Build();
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        _folder.Dispose();
    }

    private ServiceProvider Build()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddOptions();
        services.Configure<StorageOptions>(options => options.DataDirectory = _folder.Path);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IHostEnvironment>(new FolderEnvironment(_folder.Path));
        services.AddLiteDbStores();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    private sealed class FolderEnvironment(string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Testing";
        public string ApplicationName { get; set; } = "tests";
        public string ContentRootPath { get; set; } = root;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}

using ETwinning.Collab.Server.Infrastructure.Storage;

namespace ETwinning.Collab.Server.Features.Storage;

/// <summary>
/// The one storage switch: registers every feature's store for the provider named by <c>Storage:Provider</c>.
/// A provider is one class per feature store plus a shared engine; adding one is a new case here and a new
/// <c>Add&lt;Provider&gt;Stores</c> list like <see cref="LiteDbStores"/>. Feature extensions register services only.
/// </summary>
public static class StorageRegistration
{
    public static IHostApplicationBuilder AddStorage(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<DataFolder>();
        var provider = builder.Configuration.GetSection(StorageOptions.Section).GetValue(nameof(StorageOptions.Provider), StorageProvider.LiteDb);
        switch (provider)
        {
            case StorageProvider.LiteDb:
                builder.Services.AddLiteDbStores();
                break;
            case StorageProvider.Postgres:
                builder.Services.AddPostgresStores();
                break;
            default:
                throw new InvalidOperationException($"Storage:Provider '{provider}' is not supported.");
        }
        return builder;
    }
}

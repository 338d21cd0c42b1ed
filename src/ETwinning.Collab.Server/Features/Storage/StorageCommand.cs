using System.Globalization;
using ETwinning.Collab.Server.Infrastructure.Storage;
using ETwinning.Collab.Server.Infrastructure.Storage.Postgres;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ETwinning.Collab.Server.Features.Storage;

/// <summary>
/// <c>storage copy --to &lt;provider&gt; [--resume]</c> and <c>storage verify --to &lt;provider&gt;</c>: run instead of the
/// server. The source is the provider the configuration names (<c>Storage:Provider</c>, LiteDb by default), read with
/// the server's own configuration sources, so the same settings that run the server find its data; the target is the
/// provider after <c>--to</c>, configured from the same settings (<c>Storage:Postgres:ConnectionString</c>). A copy
/// applies the target's schema, copies feature by feature and then verifies; verify only compares. Exit codes: 0 the
/// two sides hold the same records, 1 they differ, 2 nothing was compared (bad arguments, a refused target, a failure).
/// </summary>
public static class StorageCommand
{
    public const string Verb = "storage";
    private const int Same = 0;
    private const int Different = 1;
    private const int NotCompared = 2;

    private const string Usage = """
        Usage:
          ETwinning.Collab.Server storage copy --to Postgres [--resume] [--Key=value ...]
          ETwinning.Collab.Server storage verify --to Postgres [--Key=value ...]
        The source is Storage:Provider (LiteDb by default) with Storage:DataDirectory; the target is the provider after --to,
        with Storage:Postgres:ConnectionString. Settings come from appsettings.json, the environment and --Key=value arguments.
        copy refuses a target that holds records unless --resume is given (to complete an earlier copy; records are replaced
        by the source's, none is deleted). Stop every server that uses the source before copying.
        """;

    /// <summary>True when the arguments ask for this command rather than the server.</summary>
    public static bool Matches(IReadOnlyList<string> args) => args.Count > 0 && args[0] == Verb;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter errors, CancellationToken cancellationToken = default)
    {
        if (Parse(args) is not { } invocation)
        {
            await errors.WriteLineAsync(Usage).ConfigureAwait(false);
            return NotCompared;
        }
        // The server's own builder, never run: the same appsettings files, environment variables and arguments.
        var host = WebApplication.CreateBuilder(invocation.Settings);
        var from = host.Configuration.GetSection(StorageOptions.Section).GetValue(nameof(StorageOptions.Provider), StorageProvider.LiteDb);
        if (from == invocation.To)
        {
            await errors.WriteLineAsync($"Storage:Provider is {from} already: the source and the target would be the same.").ConfigureAwait(false);
            return NotCompared;
        }
        try
        {
            await using var source = Build(from, host);
            await using var target = Build(invocation.To, host);
            output.WriteLine($"storage {invocation.Action}: {from} -> {invocation.To}");
            output.WriteLine($"  from: {Describe(from, source)}");
            output.WriteLine($"  to:   {Describe(invocation.To, target)}");
            var copy = new StorageCopy(
                [.. source.GetServices<IStoreTransfer>()], [.. target.GetServices<IStoreTransfer>()], output);
            if (invocation.Action == "copy")
            {
                if (invocation.To == StorageProvider.Postgres)
                {
                    await target.GetRequiredService<PostgresMigrator>().MigrateAsync(cancellationToken).ConfigureAwait(false);
                    output.WriteLine("Schema of the target: up to date.");
                }
                if (!invocation.Resume && await copy.NonEmptyTargetFeatureAsync(cancellationToken).ConfigureAwait(false) is { } feature)
                {
                    await errors.WriteLineAsync($"""
                        The target already holds records (feature {feature}); nothing was copied. Run again with --resume to complete an
                        earlier copy into it (each record replaces the target's record with the same key; records only the target has
                        are kept), or use an empty target.
                        """).ConfigureAwait(false);
                    return NotCompared;
                }
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Copying, {StorageCopy.RecordsPerBatch} records per batch:"));
                await copy.CopyAsync(cancellationToken).ConfigureAwait(false);
            }
            output.WriteLine("Verifying: both sides exported and compared record by record (count and digest per feature):");
            var comparisons = await copy.VerifyAsync(cancellationToken).ConfigureAwait(false);
            var blobs = source.GetRequiredService<IOptions<StorageOptions>>().Value.DataDirectory;
            output.WriteLine($"""
                Blob content was not copied: the files stay under {Path.Combine(Path.GetFullPath(blobs, host.Environment.ContentRootPath), "blobs")},
                which every server of the target must use as Storage:DataDirectory (a shared volume); only their reference counts are records.
                """);
            var different = comparisons.Where(c => !c.Same).Select(c => c.Feature).ToList();
            if (different.Count > 0)
            {
                output.WriteLine($"NOT the same: {string.Join(", ", different)}. Nothing was deleted; after fixing the cause run copy again with --resume.");
                return Different;
            }
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"The same on both sides: {comparisons.Count} features, {comparisons.Sum(c => c.Source.Records):N0} records."));
            return Same;
        }
        catch (Exception error) when (error is InvalidOperationException or NpgsqlException or IOException or OptionsValidationException
            or Infrastructure.Errors.CollabException)
        {
            await errors.WriteLineAsync($"storage {invocation.Action} failed: {error.Message}").ConfigureAwait(false);
            return NotCompared;
        }
    }

    private static ServiceProvider Build(StorageProvider provider, WebApplicationBuilder host)
    {
        var services = new ServiceCollection();
        // Warnings and errors of the engines go to stderr; stdout is the command's report.
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning)
            .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace));
        services.AddSingleton<IConfiguration>(host.Configuration);
        services.AddSingleton<IHostEnvironment>(host.Environment);
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateDataAnnotations();
        _ = provider switch
        {
            StorageProvider.LiteDb => services.AddLiteDbStores(),
            StorageProvider.Postgres => services.AddPostgresStores(),
            _ => throw new InvalidOperationException($"Storage provider '{provider}' is not supported."),
        };
        return services.BuildServiceProvider();
    }

    private static string Describe(StorageProvider provider, IServiceProvider services)
    {
        if (provider == StorageProvider.LiteDb) return $"LiteDB files in {services.GetRequiredService<DatabaseFiles>().DataDirectory}";
        // Host, port and database only: the connection string may hold a password.
        var connection = new NpgsqlConnectionStringBuilder(services.GetRequiredService<IOptions<PostgresOptions>>().Value.ConnectionString);
        return $"PostgreSQL database {connection.Database} on {connection.Host}:{connection.Port}";
    }

    private static Invocation? Parse(string[] args)
    {
        if (args.Length < 2 || args[0] != Verb || args[1] is not ("copy" or "verify")) return null;
        StorageProvider? to = null;
        var resume = false;
        var settings = new List<string>();
        for (var i = 2; i < args.Length; i++)
        {
            if (args[i] == "--to" && i + 1 < args.Length && Enum.TryParse<StorageProvider>(args[i + 1], ignoreCase: true, out var provider))
            {
                to = provider;
                i++;
            }
            else if (args[i] == "--resume" && args[1] == "copy") resume = true;
            else if (args[i].StartsWith("--", StringComparison.Ordinal) && args[i].Contains('=', StringComparison.Ordinal)) settings.Add(args[i]);
            else return null;
        }
        return to is { } target ? new Invocation(args[1], target, resume, [.. settings]) : null;
    }

    private sealed record Invocation(string Action, StorageProvider To, bool Resume, string[] Settings);
}

using Npgsql;

namespace Dashboard.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL server scripts/test.sh starts for the run (<see cref="Variable"/> holds a
/// superuser connection string). Every test gets its own database, copied on the server from a
/// template that has the migrations applied (CREATE DATABASE … TEMPLATE is a file copy), and dropped
/// when the test is done.
/// </summary>
public static class PostgresServer
{
    public const string Variable = "IB_TEST_POSTGRES";

    private static readonly SemaphoreSlim TemplateGate = new(1, 1);
    private static readonly Dictionary<string, string> Templates = [];

    public static string AdminConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } cs ? cs
        : throw new InvalidOperationException($"{Variable} is not set: run scripts/test.sh, which starts a throwaway PostgreSQL, or point {Variable} at a server where you may create databases.");

    /// <summary>A new, empty database; its connection string.</summary>
    public static Task<string> CreateEmptyAsync() => CreateAsync(template: "template0");

    /// <summary>A new database copied from the template <paramref name="key"/>, which <paramref name="build"/> fills the first time it is asked for.</summary>
    public static async Task<string> CreateFromTemplateAsync(string key, Func<string, Task> build)
    {
        await TemplateGate.WaitAsync();
        try
        {
            if (!Templates.TryGetValue(key, out var template))
            {
                var connectionString = await CreateAsync("template0");
                await build(connectionString);
                // A template is copied only while nobody is connected to it.
                NpgsqlConnection.ClearPool(new NpgsqlConnection(connectionString));
                Templates[key] = template = new NpgsqlConnectionStringBuilder(connectionString).Database!;
            }
            return await CreateAsync(template);
        }
        finally
        {
            TemplateGate.Release();
        }
    }

    public static async Task DropAsync(string connectionString)
    {
        using (var pooled = new NpgsqlConnection(connectionString)) NpgsqlConnection.ClearPool(pooled);
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await using var admin = new NpgsqlConnection(AdminConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    private static async Task<string> CreateAsync(string template)
    {
        var name = $"ib_test_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(AdminConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"", admin);
            await create.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
    }
}

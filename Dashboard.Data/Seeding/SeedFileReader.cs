using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dashboard.Data.Seeding;

/// <summary>Reads a seed file defensively: size first, then strict JSON (unknown fields are errors).</summary>
internal static class SeedFileReader
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        MaxDepth = 16,
    };

    /// <summary>Says where the JSON went wrong in the terms a person editing the file uses: field path, line, column.</summary>
    private static string Describe(JsonException ex)
    {
        var path = ex.Path is { Length: > 2 } p ? p[2..] : "(top level)";
        if (ex.Message.Contains("could not be mapped", StringComparison.Ordinal))
            return $"{path}: unknown field (see seed-data/README.md for the fields)";
        var where = ex.LineNumber is { } line ? $" at line {line + 1}, column {ex.BytePositionInLine + 1}" : "";
        var reason = ex.InnerException?.Message ?? ex.Message;
        var cut = reason.IndexOf(" Path:", StringComparison.Ordinal);
        return $"malformed JSON{where} ({path}): {(cut > 0 ? reason[..cut] : reason)}";
    }

    /// <summary>The fingerprint <see cref="Dashboard.Data.Seeding.SeedFile.Sha256"/> keeps of the version imported.</summary>
    public static async Task<string> HashAsync(string path, CancellationToken ct)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
    }

    public static async Task<(T? Document, string Sha256, string? Error)> ReadAsync<T>(string path, CancellationToken ct) where T : class
    {
        var length = new FileInfo(path).Length;
        if (length > Limits.SeedFileBytes)
            return (null, "", $"the file is {length / 1024} KB; the limit is {Limits.SeedFileBytes / 1024} KB");
        var bytes = await File.ReadAllBytesAsync(path, ct);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        try
        {
            var doc = JsonSerializer.Deserialize<T>(bytes, Options);
            return doc is null ? (null, sha, "the file holds JSON null, not an object") : (doc, sha, null);
        }
        catch (JsonException ex)
        {
            return (null, sha, Describe(ex));
        }
    }
}

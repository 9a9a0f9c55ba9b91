using System.Security.Cryptography;
using System.Text;

namespace Dashboard.Data.ApiKeys;

/// <summary>
/// The shape of a key: <c>ib_&lt;prefix&gt;_&lt;secret&gt;</c>. The fixed <c>ib_</c> start and the fixed
/// lengths let secret scanners (GitHub's, gitleaks) recognise a leaked key with one pattern:
/// <c>ib_[a-z0-9]{8}_[A-Za-z0-9]{43}</c>.
/// </summary>
public static class ApiKeySecret
{
    public const string Start = "ib_";
    public const int PrefixLength = 8;
    /// <summary>43 characters of 62: about 256 bits.</summary>
    public const int SecretLength = 43;
    private const string PrefixAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    private const string SecretAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static (string Prefix, string Secret) New() =>
        (RandomNumberGenerator.GetString(PrefixAlphabet, PrefixLength), RandomNumberGenerator.GetString(SecretAlphabet, SecretLength));

    public static string Format(string prefix, string secret) => $"{Start}{prefix}_{secret}";

    /// <summary>What lists and the audit trail show of a key: its start, never its secret.</summary>
    public static string Public(string prefix) => $"{Start}{prefix}";

    public static bool TryParse(string? presented, out string prefix, out string secret)
    {
        prefix = secret = "";
        if (presented is null || presented.Length != Start.Length + PrefixLength + 1 + SecretLength || !presented.StartsWith(Start, StringComparison.Ordinal)
            || presented[Start.Length + PrefixLength] != '_')
            return false;
        prefix = presented.Substring(Start.Length, PrefixLength);
        secret = presented[(Start.Length + PrefixLength + 1)..];
        return prefix.All(PrefixAlphabet.Contains) && secret.All(SecretAlphabet.Contains);
    }

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(secret)));

    /// <summary>Compares in constant time, so the answer's timing says nothing about how much of a guess was right.</summary>
    public static bool Matches(string secret, string storedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(secret)), Encoding.ASCII.GetBytes(storedHash));
}

using System.Security.Cryptography;
using System.Text;

namespace KnowledgeBase.Infrastructure.Identity;

/// <summary>
/// API keys are <c>kb_</c> + 32 random bytes (base64url). 256 bits of entropy make a plain SHA-256
/// enough to store them (no slow hash needed: nothing to brute-force), and lookups are by that hash.
/// </summary>
public static class ApiKeySecret
{
    public const string Marker = "kb_";
    private const int PrefixLength = 11;

    public static string Generate() => Marker + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public static string Prefix(string key) => key[..Math.Min(PrefixLength, key.Length)];

    public static bool LooksLikeKey(string? value) => value is { Length: > 20 and < 200 } && value.StartsWith(Marker, StringComparison.Ordinal);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

using System.Security.Cryptography;
using System.Text;
using KnowledgeBase.Infrastructure.Identity;

namespace KnowledgeBase.Tests.Unit.Identity;

public sealed class ApiKeySecretTests
{
    [Fact]
    public void Keys_are_marked_high_entropy_and_never_repeat()
    {
        var keys = Enumerable.Range(0, 100).Select(_ => ApiKeySecret.Generate()).ToList();

        Assert.All(keys, k => Assert.StartsWith("kb_", k, StringComparison.Ordinal));
        Assert.All(keys, k => Assert.Equal(3 + 43, k.Length));
        Assert.All(keys, k => Assert.True(ApiKeySecret.LooksLikeKey(k)));
        Assert.Equal(keys.Count, keys.Distinct().Count());
    }

    [Fact]
    public void The_stored_hash_is_the_sha256_of_the_key_and_the_prefix_is_its_start()
    {
        const string key = "kb_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))), ApiKeySecret.Hash(key));
        Assert.Equal("kb_abcdefgh", ApiKeySecret.Prefix(key));
        Assert.NotEqual(ApiKeySecret.Hash(key), ApiKeySecret.Hash(key + "x"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("kb_short")]
    [InlineData("sk-abcdefghijklmnopqrstuvwxyz0123456789")]
    public void Things_that_are_not_keys_are_refused_before_any_lookup(string? value) =>
        Assert.False(ApiKeySecret.LooksLikeKey(value));
}

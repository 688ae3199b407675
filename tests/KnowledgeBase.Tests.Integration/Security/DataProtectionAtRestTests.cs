using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using KnowledgeBase.Tests.Integration.Support;

namespace KnowledgeBase.Tests.Integration.Security;

/// <summary>With a certificate configured, the data-protection keys in PostgreSQL are encrypted, and sign-ins still work.</summary>
public sealed class DataProtectionAtRestTests
{
    [Fact]
    public async Task With_a_certificate_the_stored_keys_are_encrypted_and_cookies_still_work()
    {
        var pfx = Path.Combine(Path.GetTempPath(), $"kb-dp-{Guid.NewGuid():N}.pfx");
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=KnowledgeBase data protection", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "pfx-password"));
        }

        try
        {
            await using var database = await TestDatabase.CreateAsync();
            await using var app = new KnowledgeBaseApp(database.ConnectionString, new Dictionary<string, string>
            {
                ["DataProtection:CertificatePath"] = pfx,
                ["DataProtection:CertificatePassword"] = "pfx-password",
            });
            await app.AddUserAsync("dp@security.example", AppFixture.Password, Infrastructure.Identity.Roles.Employee);

            using var user = await app.SignInAsync("dp@security.example", AppFixture.Password);
            var me = await user.Http.GetAsync("/api/auth/me");
            var xml = await database.ScalarAsync<string>("SELECT string_agg(xml, '') FROM data_protection_keys");

            Assert.Equal(System.Net.HttpStatusCode.OK, me.StatusCode);
            Assert.Contains("EncryptedData", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(pfx);
        }
    }
}

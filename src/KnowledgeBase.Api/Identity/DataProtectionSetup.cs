using System.Security.Cryptography.X509Certificates;
using KnowledgeBase.Infrastructure.Data;
using Microsoft.AspNetCore.DataProtection;

namespace KnowledgeBase.Api.Identity;

/// <summary>
/// The key ring that encrypts cookies, antiforgery tokens and the OIDC state lives in PostgreSQL, so every API
/// instance reads the others' cookies and a restart keeps sessions. With <c>DataProtection:CertificatePath</c> (a
/// PKCS#12 file with a private key, <c>DataProtection:CertificatePassword</c>) the keys are encrypted at rest with it:
/// a database dump alone then cannot forge a sign-in cookie. Without it they are stored as plain XML.
/// </summary>
public static class DataProtectionSetup
{
    public const string Section = "DataProtection";

    public static IServiceCollection AddKnowledgeBaseDataProtection(this IServiceCollection services, IConfiguration configuration)
    {
        var builder = services.AddDataProtection().SetApplicationName("KnowledgeBase").PersistKeysToDbContext<KnowledgeBaseDbContext>();
        if (configuration[$"{Section}:CertificatePath"] is { Length: > 0 } path)
        {
            if (!File.Exists(path))
            {
                throw new InvalidOperationException($"{Section}:CertificatePath: no file at '{path}'.");
            }

            var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, configuration[$"{Section}:CertificatePassword"]);
            if (!certificate.HasPrivateKey)
            {
                throw new InvalidOperationException($"{Section}:CertificatePath: '{path}' has no private key, so keys encrypted with it could not be read back.");
            }

            builder.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        }

        return services;
    }
}

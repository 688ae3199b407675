using System.ComponentModel.DataAnnotations;
using System.Net;

namespace KnowledgeBase.Api.Security;

public sealed class SecurityOptions : IValidatableObject
{
    public const string Section = "Security";

    /// <summary>Other origins (<c>https://host[:port]</c>) whose pages may open hub connections, e.g. a separately hosted UI.</summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>
    /// Proxies (IP addresses) and networks (CIDR, e.g. <c>10.0.0.0/8</c>) whose X-Forwarded-For/-Proto are believed:
    /// a TLS-terminating proxy then yields https requests (Secure cookies, HSTS) and the client's IP (sign-in limits).
    /// Loopback is always trusted.
    /// </summary>
    public string[] KnownProxies { get; set; } = [];

    public string[] KnownNetworks { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var proxy in KnownProxies.Where(p => !IPAddress.TryParse(p, out _)))
        {
            yield return new ValidationResult($"Security:KnownProxies: '{proxy}' is not an IP address.", [nameof(KnownProxies)]);
        }

        foreach (var network in KnownNetworks.Where(n => !System.Net.IPNetwork.TryParse(n, out _)))
        {
            yield return new ValidationResult($"Security:KnownNetworks: '{network}' is not a network in CIDR notation (10.0.0.0/8).", [nameof(KnownNetworks)]);
        }

        foreach (var origin in AllowedOrigins.Where(o => !Uri.TryCreate(o, UriKind.Absolute, out var u) || u.Scheme is not ("http" or "https")))
        {
            yield return new ValidationResult($"Security:AllowedOrigins: '{origin}' is not an http(s) origin.", [nameof(AllowedOrigins)]);
        }
    }
}

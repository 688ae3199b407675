using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace KnowledgeBase.Api.Telemetry;

/// <summary>Decides whether a request may read the metrics (see <see cref="MetricsEndpointOptions"/>).</summary>
public sealed class MetricsEndpointGuard
{
    private static readonly string[] ForwardingHeaders = ["X-Forwarded-For", "Forwarded", "X-Real-IP"];

    private readonly bool open;
    private readonly byte[]? token;
    private readonly IReadOnlyList<IPNetwork> networks;

    public MetricsEndpointGuard(MetricsEndpointOptions options, bool production)
    {
        open = !production;
        token = string.IsNullOrEmpty(options.ScrapeToken) ? null : Encoding.UTF8.GetBytes(options.ScrapeToken);
        networks = [.. options.AllowedNetworks.Select(Parse)];
    }

    /// <summary>A bad CIDR stops start-up with the setting's name rather than silently allowing or refusing everyone.</summary>
    public static IPNetwork Parse(string cidr) =>
        IPNetwork.TryParse(cidr.Trim(), out var network)
            ? network
            : throw new InvalidOperationException($"{MetricsEndpointOptions.Section}:AllowedNetworks: \"{cidr}\" is not a CIDR range such as 10.0.0.0/8.");

    public bool Allows(HttpRequest request)
    {
        if (open)
        {
            return true;
        }

        if (token is not null && request.Headers.Authorization.ToString() is { } header
            && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header["Bearer ".Length..].Trim()), token))
        {
            return true;
        }

        // A proxy in front makes every visitor look local: a forwarded request never counts as a nearby scraper.
        if (ForwardingHeaders.Any(request.Headers.ContainsKey) || request.HttpContext.Connection.RemoteIpAddress is not { } remote)
        {
            return false;
        }

        var address = remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote;
        return IPAddress.IsLoopback(address) || networks.Any(n => n.Contains(address));
    }
}

namespace KnowledgeBase.Api.Telemetry;

/// <summary>
/// Who may read <c>/metrics</c> on the main port. Outside Production anyone may (local runs, tests). In
/// Production: a request carrying <see cref="ScrapeToken"/> as a bearer token, or one straight from an address
/// in <see cref="AllowedNetworks"/> (loopback always) that did not come through a proxy; everyone else gets 404.
/// </summary>
public sealed class MetricsEndpointOptions
{
    public const string Section = "Telemetry:Metrics";

    /// <summary>CIDR ranges Prometheus scrapes from, e.g. "10.0.0.0/8" (the pod or compose network).</summary>
    public string[] AllowedNetworks { get; set; } = [];

    /// <summary>A secret Prometheus sends as <c>Authorization: Bearer …</c> (its <c>authorization.credentials_file</c>).</summary>
    public string? ScrapeToken { get; set; }
}

namespace KnowledgeBase.Infrastructure.Telemetry;

/// <summary>
/// Langfuse (cloud or self-hosted) as a trace backend: all three set turns the exporter on, none set leaves it
/// off, anything in between stops start-up (a half configuration would otherwise silently send nothing).
/// </summary>
public sealed class LangfuseOptions
{
    public const string Section = "Langfuse";

    /// <summary>Langfuse's base URL, e.g. https://cloud.langfuse.com or http://langfuse-web:3000.</summary>
    public Uri? BaseUrl { get; set; }

    public string? PublicKey { get; set; }

    public string? SecretKey { get; set; }

    /// <summary>First delay before a failed score is sent again (doubled each time, four tries in all).</summary>
    public int ScoreRetryMilliseconds { get; set; } = 1000;

    public bool Enabled => BaseUrl is not null && !string.IsNullOrWhiteSpace(PublicKey) && !string.IsNullOrWhiteSpace(SecretKey);

    /// <summary>Null when the settings are usable (all or nothing), else what is wrong, naming the settings.</summary>
    public string? Problem()
    {
        var missing = new[]
        {
            (Name: "Langfuse:BaseUrl", Set: BaseUrl is not null),
            (Name: "Langfuse:PublicKey", Set: !string.IsNullOrWhiteSpace(PublicKey)),
            (Name: "Langfuse:SecretKey", Set: !string.IsNullOrWhiteSpace(SecretKey)),
        };
        if (missing.All(m => m.Set) || missing.All(m => !m.Set))
        {
            return BaseUrl is { IsAbsoluteUri: false } || BaseUrl is { Scheme: not ("http" or "https") }
                ? "Langfuse:BaseUrl must be an absolute http(s) URL such as https://cloud.langfuse.com."
                : null;
        }

        return $"Langfuse is only partly configured: set Langfuse:BaseUrl, Langfuse:PublicKey and Langfuse:SecretKey together (missing: {string.Join(", ", missing.Where(m => !m.Set).Select(m => m.Name))}), or none of them.";
    }

    /// <summary>Langfuse's OTLP/HTTP traces endpoint (it takes HTTP/protobuf, not gRPC).</summary>
    public Uri TracesEndpoint => new(Base, "api/public/otel/v1/traces");

    /// <summary>Langfuse's public API for scores.</summary>
    public Uri ScoresEndpoint => new(Base, "api/public/scores");

    /// <summary>Basic base64(publicKey:secretKey), as Langfuse's public API and OTLP endpoint expect.</summary>
    public string AuthorizationHeader => "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{PublicKey}:{SecretKey}"));

    private Uri Base => new(BaseUrl!.ToString().TrimEnd('/') + "/");
}

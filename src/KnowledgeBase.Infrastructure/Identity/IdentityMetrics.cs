using System.Diagnostics.Metrics;
using KnowledgeBase.Infrastructure.Telemetry;

namespace KnowledgeBase.Infrastructure.Identity;

public static class IdentityMetrics
{
    /// <summary>Password and single sign-on attempts by <c>outcome</c> (success, failed, locked_out).</summary>
    public static readonly Counter<long> SignIns = KnowledgeBaseTelemetry.Meter.CreateCounter<long>(
        "kb.auth.signins", "{attempt}", "Sign-in attempts by outcome.");

    /// <summary>Requests carrying an API key, by <c>outcome</c> (accepted, unknown, revoked).</summary>
    public static readonly Counter<long> ApiKeyRequests = KnowledgeBaseTelemetry.Meter.CreateCounter<long>(
        "kb.auth.api_key.requests", "{request}", "API key authentications by outcome.");
}

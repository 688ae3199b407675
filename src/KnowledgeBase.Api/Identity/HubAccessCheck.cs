using KnowledgeBase.Api.Ingestion;
using KnowledgeBase.Infrastructure.Identity;

namespace KnowledgeBase.Api.Identity;

public enum HubAccessVerdict
{
    /// <summary>The connection's principal still has the access it connected with.</summary>
    Current,

    /// <summary>Still allowed on this hub, but with other groups or role: the client should reconnect.</summary>
    Changed,

    /// <summary>The user is gone, signed out everywhere, or no longer allowed on this hub: close the connection.</summary>
    Lost,
}

/// <summary>Compares an open connection's principal (fixed at connect) with what the database says now.</summary>
public static class HubAccessCheck
{
    public static async Task<HubAccessVerdict> CheckAsync(OpenHubConnections.Connection connection, IServiceProvider services, CancellationToken cancellationToken)
    {
        var principal = connection.Context.User;
        if (principal?.UserId() is null)
        {
            // API keys: a revoked key is refused at its next call (FreshPrincipalHubFilter).
            return HubAccessVerdict.Current;
        }

        var access = await SessionValidation.CurrentAsync(principal, services, cancellationToken);
        if (access is null || (connection.Hub == typeof(IngestionHub) && !access.IsAdmin))
        {
            return HubAccessVerdict.Lost;
        }

        return Same(principal.IsAdmin(), principal.Groups(), access) ? HubAccessVerdict.Current : HubAccessVerdict.Changed;
    }

    private static bool Same(bool isAdmin, IReadOnlyList<string> groups, UserAccess access) =>
        isAdmin == access.IsAdmin && groups.Order(StringComparer.Ordinal).SequenceEqual(access.Groups.Order(StringComparer.Ordinal));
}

using KnowledgeBase.Api.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace KnowledgeBase.Api.Ingestion;

/// <summary>
/// Pushes <c>progress</c> messages (document id, status, percent, error) to signed-in admins: only to connections
/// whose user is an admin now (see <see cref="IngestionProgressRelay"/>); a user demoted or deleted while connected
/// has the connection closed (<see cref="AccessChangeRelay"/>).
/// </summary>
[Authorize(Policy = Policies.Admin)]
public sealed class IngestionHub : Hub
{
    public const string ProgressMethod = "progress";
}

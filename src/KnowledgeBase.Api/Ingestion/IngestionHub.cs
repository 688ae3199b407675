using KnowledgeBase.Api.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace KnowledgeBase.Api.Ingestion;

/// <summary>Pushes <c>progress</c> messages (document id, status, percent, error) to signed-in admins.</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class IngestionHub : Hub
{
    public const string ProgressMethod = "progress";
}

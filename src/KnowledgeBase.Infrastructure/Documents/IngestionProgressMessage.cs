using System.Text.Json;

namespace KnowledgeBase.Infrastructure.Documents;

/// <summary>Published on every step of a job (<see cref="NotifyChannels.Progress"/>) and relayed to admins over /hubs/ingestion.</summary>
public sealed record IngestionProgressMessage(Guid DocumentId, long JobId, string Status, int Progress, string SourceName, string? Error)
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
}

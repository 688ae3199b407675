using System.Text.Json;

namespace KnowledgeBase.Infrastructure.Ingestion.Queue;

/// <summary>Published on every step of a job (NOTIFY kb_ingestion_progress) and relayed to admins over /hubs/ingestion.</summary>
public sealed record IngestionProgressMessage(Guid DocumentId, long JobId, string Status, int Progress, string SourceName, string? Error)
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
}

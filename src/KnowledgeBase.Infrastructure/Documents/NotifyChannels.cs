namespace KnowledgeBase.Infrastructure.Documents;

/// <summary>The PostgreSQL NOTIFY channels of ingestion (constants of ours, never user input: LISTEN takes them as identifiers).</summary>
public static class NotifyChannels
{
    /// <summary>A job was queued (payload: its id): sleeping workers wake up.</summary>
    public const string Jobs = "kb_ingestion_jobs";

    /// <summary>A job moved (payload: <see cref="IngestionProgressMessage"/>): relayed to admins over /hubs/ingestion.</summary>
    public const string Progress = "kb_ingestion_progress";
}

namespace KnowledgeBase.Infrastructure.Ingestion.Parsers;

/// <summary>The input can never be ingested (corrupt, encrypted, empty, unsupported): fail at once, with this reason.</summary>
public sealed class DocumentRejectedException(string reason, Exception? inner = null) : Exception(reason, inner);

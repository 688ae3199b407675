using KnowledgeBase.Core.Documents;

namespace KnowledgeBase.Infrastructure.Ingestion.Parsers;

/// <summary>Turns one format's bytes into blocks with pages and headings.</summary>
public interface IDocumentParser
{
    bool CanParse(string contentType);

    ParsedDocument Parse(ReadOnlyMemory<byte> content, string sourceName, CancellationToken cancellationToken);
}

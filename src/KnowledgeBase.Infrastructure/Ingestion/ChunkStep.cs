using System.Diagnostics;
using KnowledgeBase.Core.Chunking;
using KnowledgeBase.Core.Documents;

namespace KnowledgeBase.Infrastructure.Ingestion;

/// <summary>Pipeline step 2: blocks to token-bounded chunks with pages and heading paths.</summary>
public sealed class ChunkStep(StructureAwareChunker chunker) : IngestionStep<ParsedDocument, IReadOnlyList<TextChunk>>(IngestionStepName.Chunk)
{
    protected override Task<IReadOnlyList<TextChunk>> ExecuteAsync(ParsedDocument input, Activity? activity, CancellationToken cancellationToken)
    {
        var chunks = chunker.Chunk(input);
        activity?.SetTag("kb.document.chunks", chunks.Count);
        return Task.FromResult(chunks);
    }
}

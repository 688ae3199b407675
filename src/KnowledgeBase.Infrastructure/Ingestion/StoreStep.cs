using System.Diagnostics;
using KnowledgeBase.Core.Chunking;
using KnowledgeBase.Infrastructure.Telemetry;
using Npgsql;
using NpgsqlTypes;
using Pgvector;

namespace KnowledgeBase.Infrastructure.Ingestion;

/// <summary>
/// Pipeline step 4: replaces a document's chunks with binary COPY inside the caller's transaction,
/// so a concurrent query sees the old chunks or the new ones, never a mix.
/// </summary>
public sealed class StoreStep
{
    public async Task RunAsync(
        NpgsqlConnection connection, Guid documentId, IReadOnlyList<TextChunk> chunks,
        IReadOnlyList<ReadOnlyMemory<float>> vectors, CancellationToken cancellationToken)
    {
        using var activity = KnowledgeBaseTelemetry.Source.StartActivity("ingest store");
        var started = Stopwatch.GetTimestamp();

        await using (var delete = new NpgsqlCommand("DELETE FROM chunks WHERE document_id = @id", connection))
        {
            delete.Parameters.AddWithValue("id", documentId);
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY chunks (document_id, ordinal, text, token_count, start_page, end_page, heading_path, embedding) FROM STDIN (FORMAT BINARY)",
            cancellationToken))
        {
            for (var i = 0; i < chunks.Count; i++)
            {
                var chunk = chunks[i];
                await writer.StartRowAsync(cancellationToken);
                await writer.WriteAsync(documentId, NpgsqlDbType.Uuid, cancellationToken);
                await writer.WriteAsync(chunk.Ordinal, NpgsqlDbType.Integer, cancellationToken);
                await writer.WriteAsync(chunk.Text, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(chunk.TokenCount, NpgsqlDbType.Integer, cancellationToken);
                await WriteNullableAsync(writer, chunk.StartPage, cancellationToken);
                await WriteNullableAsync(writer, chunk.EndPage, cancellationToken);
                await writer.WriteAsync(chunk.HeadingPath, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(new Vector(vectors[i]), cancellationToken);
            }

            await writer.CompleteAsync(cancellationToken);
        }

        IngestionMetrics.StepDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("step", "store"));
    }

    private static async Task WriteNullableAsync(NpgsqlBinaryImporter writer, int? value, CancellationToken cancellationToken)
    {
        if (value is { } v)
        {
            await writer.WriteAsync(v, NpgsqlDbType.Integer, cancellationToken);
        }
        else
        {
            await writer.WriteNullAsync(cancellationToken);
        }
    }
}

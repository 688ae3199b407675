namespace KnowledgeBase.Core.Retrieval;

/// <summary>A chunk next to a passage: its size and how similar it is to the query.</summary>
public sealed record NeighbourChunk(int Ordinal, int Tokens, double Similarity);

/// <summary>
/// Small-to-big, step two: widens a passage one chunk at a time, on the side whose next chunk is
/// more similar to the query, while the passage stays within the token budget. Ranking stays on the
/// small chunks the encoder reads well (MiniLM: 256 word pieces); the reader gets the context around
/// them, and the citation's page span grows with it.
/// </summary>
public static class PassageWindow
{
    /// <param name="chunkAt">The document's chunk at an ordinal, or null past either end.</param>
    public static (int First, int Last) Widen(int first, int last, int tokens, Func<int, NeighbourChunk?> chunkAt, int budgetTokens)
    {
        while (true)
        {
            var before = chunkAt(first - 1);
            var after = chunkAt(last + 1);
            var fitsBefore = before is not null && tokens + before.Tokens <= budgetTokens;
            var fitsAfter = after is not null && tokens + after.Tokens <= budgetTokens;
            if (!fitsBefore && !fitsAfter)
            {
                return (first, last);
            }

            // Ties read on (documents explain forward more often than backward).
            if (fitsAfter && (!fitsBefore || after!.Similarity >= before!.Similarity))
            {
                last++;
                tokens += after!.Tokens;
            }
            else
            {
                first--;
                tokens += before!.Tokens;
            }
        }
    }
}

using System.Text;

namespace KnowledgeBase.Infrastructure.Answering.Llm;

/// <summary>
/// Counts a model's output tokens as they stream, to stop at <c>Llm:MaxOutputTokens</c> when the provider does not.
/// Cheap on the hot path: a token is at least one UTF-8 byte, so nothing is counted until the text has as many bytes
/// as the limit allows tokens; after that each piece is counted alone (pieces counted apart never make fewer tokens
/// than together), and the whole text is counted exactly only when that running estimate reaches the limit.
/// </summary>
public sealed class OutputCap(int limit, TiktokenCounter tokens)
{
    private readonly StringBuilder text = new();
    private int bytes;
    private bool counting;
    private int exact;
    private int sinceExact;

    public bool Reached { get; private set; }

    public void Add(string piece)
    {
        text.Append(piece);
        if (!counting)
        {
            bytes += Encoding.UTF8.GetByteCount(piece);
            counting = bytes >= limit;
            if (counting)
            {
                Recount();
            }

            return;
        }

        sinceExact += tokens.CountTokens(piece);
        if (exact + sinceExact >= limit)
        {
            Recount();
        }
    }

    private void Recount()
    {
        exact = tokens.CountTokens(text.ToString());
        sinceExact = 0;
        Reached = exact >= limit;
    }
}

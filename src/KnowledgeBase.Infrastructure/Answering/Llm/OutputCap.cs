using System.Text;

namespace KnowledgeBase.Infrastructure.Answering.Llm;

/// <summary>
/// Counts a model's output tokens as they stream, to stop at <c>Llm:MaxOutputTokens</c> when the provider does not.
/// A token is at least one UTF-8 byte, so nothing is counted until the text has as many bytes as the limit
/// allows tokens: most answers never pay for counting.
/// </summary>
internal sealed class OutputCap(int limit, TiktokenCounter tokens)
{
    private readonly StringBuilder text = new();
    private int bytes;
    private int counted = -1;

    public bool Reached => counted >= limit;

    public void Add(string piece)
    {
        if (counted >= 0)
        {
            counted += tokens.CountTokens(piece);
            return;
        }

        text.Append(piece);
        bytes += Encoding.UTF8.GetByteCount(piece);
        if (bytes >= limit)
        {
            counted = tokens.CountTokens(text.ToString());
            text.Clear();
        }
    }
}

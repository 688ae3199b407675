using System.Text;
using KnowledgeBase.Core.Documents;
using KnowledgeBase.Core.Text;

namespace KnowledgeBase.Core.Chunking;

/// <summary>
/// Packs a document's blocks into token-bounded chunks. A heading starts a new chunk and sets the
/// heading path; list items and table rows stay whole unless one alone is too long; an over-long
/// paragraph is cut at sentence boundaries, and only a sentence longer than the limit is cut by words.
/// </summary>
public sealed class StructureAwareChunker(ITokenCounter tokens, ChunkingOptions options)
{
    /// <summary>Bump when the same document would chunk differently (v2: header in the budget, overlap never overflows).</summary>
    public const int Version = 2;

    // The model adds [CLS] and [SEP] to every input.
    private const int SpecialTokens = 2;

    public IReadOnlyList<TextChunk> Chunk(ParsedDocument document)
    {
        var chunks = new List<TextChunk>();
        var headings = new List<(int Level, string Text)>();
        var pending = new List<Segment>();
        var pendingTokens = 0;
        (string Header, int Budget)? context = null;

        foreach (var block in document.Blocks)
        {
            if (string.IsNullOrWhiteSpace(block.Text))
            {
                continue;
            }

            if (block.Kind == BlockKind.Heading)
            {
                Flush(carryOverlap: false);
                var level = Math.Max(1, block.Level);
                headings.RemoveAll(h => h.Level >= level);
                headings.Add((level, block.Text.Trim()));
                context = null;
                continue;
            }

            var limit = Budget();
            foreach (var segment in Segments(block, limit))
            {
                if (pendingTokens + segment.Tokens > limit && pending.Count > 0)
                {
                    Flush(carryOverlap: true);
                    if (pendingTokens + segment.Tokens > limit)
                    {
                        // The carried overlap and a long segment together would not fit: the overlap goes.
                        pending.Clear();
                        pendingTokens = 0;
                    }
                }

                pending.Add(segment);
                pendingTokens += segment.Tokens;
            }
        }

        Flush(carryOverlap: false);
        return chunks;

        string HeadingPath() => string.Join(" > ", headings.Select(h => h.Text));

        int Budget() => (context ??= Context()).Budget;

        (string Header, int Budget) Context()
        {
            // The header (title > heading path) is embedded with the text, so it shares the model's window:
            // it takes at most a quarter of it (cut by words) and the text gets the rest. It only changes at headings.
            var header = Fit(ChunkHeader.Of(document.Title, HeadingPath()), options.MaxTokens / 4);
            return (header, Math.Max(16, options.MaxTokens - SpecialTokens - tokens.CountTokens(header)));
        }

        void Flush(bool carryOverlap)
        {
            if (pending.Count == 0 || pending.All(s => s.IsOverlap))
            {
                pending.Clear();
                pendingTokens = 0;
                return;
            }

            var (text, pageStarts) = Join(pending);
            var pages = pending.Where(s => s.Page.HasValue).Select(s => s.Page!.Value).ToList();
            // Word pieces never cross whitespace, so the joined text has the segments' total.
            chunks.Add(new TextChunk(
                chunks.Count,
                text,
                pending.Sum(s => s.Tokens),
                pages.Count > 0 ? pages.Min() : null,
                pages.Count > 0 ? pages.Max() : null,
                HeadingPath(),
                (context ??= Context()).Header,
                pageStarts));

            var overlap = carryOverlap ? TakeOverlap(pending) : [];
            pending.Clear();
            pending.AddRange(overlap);
            pendingTokens = overlap.Sum(s => s.Tokens);
        }
    }

    /// <summary>The longest word prefix of <paramref name="text"/> within <paramref name="limit"/> tokens.</summary>
    private string Fit(string text, int limit)
    {
        if (tokens.CountTokens(text) <= limit)
        {
            return text;
        }

        return SplitByWords(text, limit).FirstOrDefault() is { } first && tokens.CountTokens(first) <= limit ? first : string.Empty;
    }

    private List<Segment> TakeOverlap(List<Segment> previous)
    {
        var overlap = new List<Segment>();
        var total = 0;
        for (var i = previous.Count - 1; i >= 0 && options.OverlapTokens > 0; i--)
        {
            var last = previous[i];
            if (last.Tokens > options.OverlapTokens || total + last.Tokens > options.OverlapTokens)
            {
                break;
            }

            overlap.Insert(0, last with { IsOverlap = true });
            total += last.Tokens;
        }

        return overlap;
    }

    private IEnumerable<Segment> Segments(DocumentBlock block, int budget)
    {
        var text = block.Text.Trim();
        var count = tokens.CountTokens(text);
        if (count <= budget)
        {
            yield return new Segment(text, count, block.Page, NewParagraph: true);
            yield break;
        }

        var first = true;
        foreach (var sentence in SentenceSplitter.Split(text))
        {
            var sentenceTokens = tokens.CountTokens(sentence);
            if (sentenceTokens <= budget)
            {
                yield return new Segment(sentence, sentenceTokens, block.Page, first);
                first = false;
                continue;
            }

            foreach (var piece in SplitByWords(sentence, budget))
            {
                yield return new Segment(piece, tokens.CountTokens(piece), block.Page, first);
                first = false;
            }
        }
    }

    private IEnumerable<string> SplitByWords(string sentence, int budget)
    {
        var current = new StringBuilder();
        var currentTokens = 0;
        foreach (var word in sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var wordTokens = tokens.CountTokens(word);
            if (currentTokens + wordTokens > budget && current.Length > 0)
            {
                yield return current.ToString();
                current.Clear();
                currentTokens = 0;
            }

            if (current.Length > 0)
            {
                current.Append(' ');
            }

            current.Append(word);
            currentTokens += wordTokens;
        }

        if (current.Length > 0)
        {
            yield return current.ToString();
        }
    }

    private static (string Text, IReadOnlyList<PageStart> PageStarts) Join(List<Segment> segments)
    {
        var text = new StringBuilder();
        var pageStarts = new List<PageStart>();
        foreach (var segment in segments)
        {
            if (text.Length > 0)
            {
                text.Append(segment.NewParagraph ? "\n" : " ");
            }

            if (segment.Page is { } page && (pageStarts.Count == 0 || pageStarts[^1].Page != page))
            {
                pageStarts.Add(new PageStart(text.Length, page));
            }

            text.Append(segment.Text);
        }

        return (text.ToString(), pageStarts);
    }

    private sealed record Segment(string Text, int Tokens, int? Page, bool NewParagraph, bool IsOverlap = false);
}

using KnowledgeBase.Core.Retrieval;

namespace KnowledgeBase.Core.Answering;

/// <summary>The numbered sources shown with an answer: as retrieved, then located on the sentences the answer used.</summary>
public static class CitationBuilder
{
    /// <summary>The <c>retrieval</c> event's sources: each passage with its section; the page to open is the best hit's.</summary>
    public static IReadOnlyList<Citation> Retrieved(IReadOnlyList<RetrievedChunk> sources) =>
        sources.Select((s, i) => new Citation(
                i + 1, s.DocumentId, s.Title, s.SourceName, s.StartPage, s.EndPage, CitationSnippet.From(s.HitText ?? s.Text), s.HitPage ?? s.StartPage,
                s.Text, s.HeadingPath.Length == 0 ? null : s.HeadingPath, HeadingAnchor.For(s.SourceName, s.HeadingPath, null)))
            .ToList();

    /// <summary>
    /// The <c>citations</c> event's sources: a cited source carries the sentences the answer used, opens at the
    /// first one's page and quotes them; an uncited one opens at and quotes its best sentence for the question.
    /// </summary>
    public static IReadOnlyList<Citation> Located(
        IReadOnlyList<Citation> retrieved, IReadOnlyList<SentenceCitation> used, IReadOnlyList<SentenceCitation> bestBySource) =>
        retrieved.Select(c =>
        {
            var sentences = used.Where(u => u.Number == c.Number).OrderBy(u => u.Range.Start).ToList();
            var shown = sentences.Count > 0 ? sentences : bestBySource.Where(b => b.Number == c.Number).Take(1).ToList();
            if (shown.Count == 0 || c.Passage is null)
            {
                return c;
            }

            var quote = string.Join(' ', shown.Select(u => u.Range.Of(c.Passage)));
            return c with
            {
                Page = shown[0].Page ?? c.Page,
                Snippet = CitationSnippet.From(quote),
                Anchor = HeadingAnchor.For(c.SourceName, c.HeadingPath ?? string.Empty, shown[0].Range.Of(c.Passage)) ?? c.Anchor,
                Sentences = sentences.Select(u => new CitedSentence(u.Range.Start, u.Range.Length, u.Page)).ToList(),
            };
        }).ToList();
}

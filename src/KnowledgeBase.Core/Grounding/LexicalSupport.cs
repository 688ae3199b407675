using KnowledgeBase.Core.Answering;

namespace KnowledgeBase.Core.Grounding;

/// <summary>How much of a claim's (or question's) term weight a sentence contains, from 0 to 1.</summary>
public static class LexicalSupport
{
    /// <param name="claimTerms">The claim's distinct terms (<see cref="Text.TermAnalyzer"/>).</param>
    public static double Coverage(
        IReadOnlyList<string> claimTerms, IReadOnlySet<string> terms, Evidence evidence, IReadOnlySet<string>? moreTerms = null, IReadOnlySet<string>? contextTerms = null)
    {
        double total = 0, matched = 0;
        foreach (var term in claimTerms)
        {
            var weight = evidence.Idf(term);
            total += weight;
            if (terms.Contains(term) || (moreTerms?.Contains(term) ?? false) || (contextTerms?.Contains(term) ?? false))
            {
                matched += weight;
            }
        }

        return total == 0 ? 0 : matched / total;
    }

    /// <summary>
    /// Each evidence sentence's coverage of the claim; a claim may join two adjacent sentences (a model's
    /// summary often does), so a sentence also gets its pair with the next one, slightly discounted, and its
    /// section heading's words and its document's title (when given), discounted a little more.
    /// </summary>
    public static double[] Score(IReadOnlyList<string> claimTerms, Evidence evidence, bool withNextSentence)
    {
        var scores = new double[evidence.Sentences.Count];
        foreach (var sentence in evidence.Sentences)
        {
            var single = Coverage(claimTerms, sentence.Terms, evidence);
            var pair = withNextSentence && evidence.Next(sentence) is { } next
                ? PairDiscount * Coverage(claimTerms, sentence.Terms, evidence, next.Terms)
                : 0;
            // A sentence under a heading ("Hotel caps per night" above "London: 230 EUR") is read with it, and
            // with its document's title (when the evidence has titles). A list item is read with its lead-in
            // instead of the heading (the answerer quotes the list whole).
            var heading = !TextShape.IsListItem(sentence.Text) ? evidence.Heading(sentence)?.Terms : null;
            var title = evidence.TitleTerms(sentence.Source);
            var section = heading is not null || title.Count > 0 ? HeadingDiscount * Coverage(claimTerms, sentence.Terms, evidence, heading, title) : 0;
            scores[sentence.Index] = Math.Max(Math.Max(single, pair), section);
        }

        return scores;
    }

    private const double PairDiscount = 0.95;

    private const double HeadingDiscount = 0.9;
}

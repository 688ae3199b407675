using KnowledgeBase.Core.Text;

namespace KnowledgeBase.Core.Grounding;

/// <summary>
/// The texts a sentence is checked against (the retrieved passages, or an answer sentence's cited
/// sources), split into sentences with their terms and numbers, and each term's rarity among those
/// sentences: a term most sentences share says little about which one supports a claim.
/// </summary>
public sealed class Evidence
{
    private readonly Dictionary<string, int> documentFrequency = new(StringComparer.Ordinal);

    private Evidence(IReadOnlyList<string> texts)
    {
        Texts = texts;
        var sentences = new List<EvidenceSentence>();
        for (var source = 0; source < texts.Count; source++)
        {
            foreach (var range in SentenceSplitter.Ranges(texts[source]))
            {
                var text = range.Of(texts[source]);
                var terms = TermAnalyzer.Terms(text).ToHashSet(StringComparer.Ordinal);
                foreach (var term in terms)
                {
                    documentFrequency[term] = documentFrequency.GetValueOrDefault(term) + 1;
                }

                sentences.Add(new EvidenceSentence(sentences.Count, source, range, text, terms, NumberMentions.In(text)));
            }
        }

        Sentences = sentences;
    }

    public static Evidence From(IReadOnlyList<string> texts) => new(texts);

    public IReadOnlyList<string> Texts { get; }

    public IReadOnlyList<EvidenceSentence> Sentences { get; }

    /// <summary>BM25-style rarity over the sentences; a term no sentence has weighs most (a claim about it is unsupported).</summary>
    public double Idf(string term) =>
        Math.Log(1 + ((Sentences.Count + 1.0) / (documentFrequency.GetValueOrDefault(term) + 0.5)));

    /// <summary>The sentence after <paramref name="sentence"/> in the same text, if any.</summary>
    public EvidenceSentence? Next(EvidenceSentence sentence) =>
        sentence.Index + 1 < Sentences.Count && Sentences[sentence.Index + 1].Source == sentence.Source ? Sentences[sentence.Index + 1] : null;

    /// <summary>The sentence before <paramref name="sentence"/> in the same text, if any.</summary>
    public EvidenceSentence? Previous(EvidenceSentence sentence) =>
        sentence.Index > 0 && Sentences[sentence.Index - 1].Source == sentence.Source ? Sentences[sentence.Index - 1] : null;
}

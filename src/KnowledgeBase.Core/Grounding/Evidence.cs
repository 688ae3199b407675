using KnowledgeBase.Core.Answering;
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
    private readonly List<IReadOnlySet<string>> titleTerms;

    private Evidence(IReadOnlyList<string> texts, IReadOnlyList<string>? titles)
    {
        Texts = texts;
        titleTerms = titles?.Select(t => (IReadOnlySet<string>)TermAnalyzer.Terms(t).ToHashSet(StringComparer.Ordinal)).ToList() ?? [];
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

    /// <param name="titles">The title of each text's document, when the texts are retrieved passages (see <see cref="TitleTerms"/>).</param>
    public static Evidence From(IReadOnlyList<string> texts, IReadOnlyList<string>? titles = null) => new(texts, titles);

    public IReadOnlyList<string> Texts { get; }

    public IReadOnlyList<EvidenceSentence> Sentences { get; }

    /// <summary>BM25-style rarity over the sentences; a term no sentence has weighs most (a claim about it is unsupported).</summary>
    public double Idf(string term) =>
        Math.Log(1 + ((Sentences.Count + 1.0) / (documentFrequency.GetValueOrDefault(term) + 0.5)));

    /// <summary>
    /// A question's terms with each misspelt one ("vacaton", "cary") replaced by the evidence term it is one edit
    /// from (two for long words), the most frequent if several: a typo should not make a question look unanswered.
    /// </summary>
    public IReadOnlyList<string> Correct(IReadOnlyList<string> terms) =>
        terms.Select(t => documentFrequency.ContainsKey(t) || t.Length < 4 || t.Any(char.IsDigit) ? t : Closest(t) ?? t).Distinct(StringComparer.Ordinal).ToList();

    private string? Closest(string term)
    {
        var allowed = term.Length >= 8 ? 2 : 1;
        return documentFrequency
            .Where(e => e.Key.Length >= 4 && EditDistance.Within(term, e.Key, allowed) <= allowed)
            .OrderByDescending(e => e.Value)
            .ThenBy(e => e.Key, StringComparer.Ordinal)
            .Select(e => e.Key)
            .FirstOrDefault();
    }

    /// <summary>
    /// The heading of the section <paramref name="sentence"/> is in: the nearest short line above it in the same
    /// text without a number or a colon (so a table row such as "Other cities: 120 EUR" is not taken for one).
    /// </summary>
    public EvidenceSentence? Heading(EvidenceSentence sentence)
    {
        for (var i = sentence.Index - 1; i >= 0 && i >= sentence.Index - MaxSectionSentences && Sentences[i].Source == sentence.Source; i--)
        {
            var line = Sentences[i].Text;
            if (TextShape.IsHeading(line) && !line.Contains(':', StringComparison.Ordinal) && !line.Any(char.IsDigit))
            {
                return Sentences[i];
            }
        }

        return null;
    }

    /// <summary>
    /// The terms of the title of the document <paramref name="source"/> comes from (none unless titles were
    /// given): every sentence of "Northwind Standard Benefits Details" is about Northwind Standard, so a
    /// question naming the plan is read with the title, as a sentence is read with its section heading.
    /// </summary>
    public IReadOnlySet<string> TitleTerms(int source) => source < titleTerms.Count ? titleTerms[source] : NoTerms;

    private static readonly IReadOnlySet<string> NoTerms = new HashSet<string>();

    /// <summary>How far above a sentence its section heading is looked for.</summary>
    private const int MaxSectionSentences = 8;

    /// <summary>The sentence after <paramref name="sentence"/> in the same text, if any.</summary>
    public EvidenceSentence? Next(EvidenceSentence sentence) =>
        sentence.Index + 1 < Sentences.Count && Sentences[sentence.Index + 1].Source == sentence.Source ? Sentences[sentence.Index + 1] : null;

    /// <summary>The sentence before <paramref name="sentence"/> in the same text, if any.</summary>
    public EvidenceSentence? Previous(EvidenceSentence sentence) =>
        sentence.Index > 0 && Sentences[sentence.Index - 1].Source == sentence.Source ? Sentences[sentence.Index - 1] : null;
}

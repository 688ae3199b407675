using System.Text;
using KnowledgeBase.Core.Grounding;
using KnowledgeBase.Core.Retrieval;
using KnowledgeBase.Core.Text;

namespace KnowledgeBase.Core.Answering;

/// <summary>A sentence (or list, or table row) an answer used: which source <c>[Number]</c>, where in its text, on which page.</summary>
public sealed record SentenceCitation(int Number, TextRange Range, int? Page);

/// <summary>
/// The outcome of extractive answering: the text with <c>[n]</c> markers and the sentences each marker
/// used, or a refusal (<see cref="Answered"/> false) naming the sources that came <see cref="Closest"/>.
/// <see cref="Support"/> is the best sentence's support score (what the refusal threshold is compared with).
/// </summary>
public sealed record ExtractiveAnswer(string Text, IReadOnlyList<int> CitedNumbers, bool Answered)
{
    public IReadOnlyList<SentenceCitation> Sentences { get; init; } = [];

    public IReadOnlyList<int> Closest { get; init; } = [];

    /// <summary>Each source's best sentence for the question, cited or not (where to open an uncited source).</summary>
    public IReadOnlyList<SentenceCitation> BestBySource { get; init; } = [];

    public double Support { get; init; }
}

/// <summary>
/// Answers without a generative model. Each sentence of the sources is scored by how well it supports
/// the question (word coverage and embedding similarity, <see cref="SentenceSupport"/>) plus an answer-type
/// cue (an amount for "how much", a date for "when", a role for "who", a rule for "can I"). The best
/// sentence answers if its support reaches the calibrated threshold; others join it only when they cover
/// more of the question or say as much about it, up to <see cref="ExtractiveOptions.MaxSentences"/> (one by
/// default: the truths users expect are one sentence), in document order within a source. Lists
/// keep their lead-in, table rows are read with their header, headings and questions are never answers.
/// </summary>
public sealed class ExtractiveAnswerer(ExtractiveOptions options)
{
    public const string NoAnswer = "I could not find an answer to that in the documents you have access to.";

    private const int MaxSentenceLength = 600;
    private const int MinTerms = 3;

    public ExtractiveAnswerer()
        : this(ExtractiveOptions.Default)
    {
    }

    public ExtractiveOptions Options => options;

    /// <summary>Answers from word coverage alone (no embedding model): the pure path, used when embeddings are off.</summary>
    public ExtractiveAnswer Answer(string question, IReadOnlyList<RetrievedChunk> sources)
    {
        var evidence = Evidence.From(sources.Select(s => s.Text).ToList(), sources.Select(s => s.Title).ToList());
        var scores = SentenceSupport.Score(evidence, SentenceSupport.Lexical(question, evidence), new Dictionary<int, double>(), SupportCalibration.Default);
        return Answer(question, sources, evidence, scores);
    }

    /// <param name="evidence">The sources' texts, in source order (<c>Evidence.From(sources' Text)</c>).</param>
    /// <param name="scores">Each evidence sentence's support for the question (<see cref="SentenceSupport"/>).</param>
    public ExtractiveAnswer Answer(string question, IReadOnlyList<RetrievedChunk> sources, Evidence evidence, IReadOnlyList<SentenceScore> scores)
    {
        var questionTerms = TermAnalyzer.Terms(question).Distinct(StringComparer.Ordinal).ToList();
        if (evidence.Sentences.Count == 0 || questionTerms.Count == 0)
        {
            return Refusal(sources, [], 0);
        }

        var adjusted = Adjusted(question, evidence, scores);
        var ranked = Enumerable.Range(0, adjusted.Length).Where(i => adjusted[i] > double.NegativeInfinity)
            .OrderByDescending(i => adjusted[i]).ThenBy(i => i).ToList();
        if (ranked.Count == 0 || adjusted[ranked[0]] < options.MinSupport)
        {
            var refusal = Refusal(sources, ranked.Select(i => evidence.Sentences[i].Source).ToList(), ranked.Count == 0 ? 0 : adjusted[ranked[0]]);
            return refusal with { BestBySource = BestBySource(sources, evidence, ranked) };
        }

        var chosen = Choose(ranked, adjusted, evidence, questionTerms);
        return Compose(sources, evidence, chosen, adjusted[ranked[0]]) with { BestBySource = BestBySource(sources, evidence, ranked) };
    }

    private static List<SentenceCitation> BestBySource(IReadOnlyList<RetrievedChunk> sources, Evidence evidence, List<int> ranked) =>
        ranked.Select(i => evidence.Sentences[i])
            .DistinctBy(s => s.Source)
            .Select(s => new SentenceCitation(s.Source + 1, s.Range, sources[s.Source].PageOf(s.Range)))
            .OrderBy(c => c.Number)
            .ToList();

    /// <summary>
    /// Each sentence's score as an answer: its support plus the answer-type cue; a sentence after a heading or
    /// a question in the source inherits most of that line's match (the heading names what the sentence is
    /// about). Headings, questions, table headers and fragments cannot answer (negative infinity).
    /// </summary>
    public double[] Adjusted(string question, Evidence evidence, IReadOnlyList<SentenceScore> scores)
    {
        var kind = AnswerType.Of(question);
        var count = AnswerType.CountedNoun(question) is { } noun ? AnswerType.CountOf(noun) : null;
        var adjusted = new double[evidence.Sentences.Count];
        foreach (var sentence in evidence.Sentences)
        {
            var i = sentence.Index;
            if (!CanAnswer(evidence, sentence))
            {
                adjusted[i] = double.NegativeInfinity;
                continue;
            }

            var score = scores[i].Score;
            if (evidence.Previous(sentence) is { } previous)
            {
                // A heading or question names what the sentence after it is about; a sentence opening with a
                // pronoun ("It gives 600 EUR…") continues the one before and is read with it (see Expand).
                if (TextShape.IsHeading(previous.Text) || TextShape.IsQuestion(previous.Text))
                {
                    score = Math.Max(score, 0.9 * scores[previous.Index].Score);
                }
                else if (StartsWithReference(sentence.Text))
                {
                    score = Math.Max(score, scores[previous.Index].Score);
                }
            }

            adjusted[i] = score + (kind != AnswerKind.Any && AnswerType.Fits(kind, sentence.Text, count) ? options.CueBonus : 0);
        }

        return adjusted;
    }

    private static bool CanAnswer(Evidence evidence, EvidenceSentence sentence) =>
        !TextShape.IsHeading(sentence.Text)
        && !TextShape.IsQuestion(sentence.Text)
        && sentence.Terms.Count >= MinTerms
        && !IsTableHeader(evidence, sentence);

    private static bool IsTableHeader(Evidence evidence, EvidenceSentence sentence) =>
        TextShape.IsTableRow(sentence.Text) && (evidence.Previous(sentence) is not { } previous || !TextShape.IsTableRow(previous.Text));

    /// <summary>
    /// The best sentence, then (best first) those scoring close to it that cover question terms not yet
    /// covered, or that sit right next to a chosen sentence and say nearly as much: the smallest set that
    /// covers the question, without near-duplicates.
    /// </summary>
    private List<int> Choose(List<int> ranked, double[] adjusted, Evidence evidence, List<string> questionTerms)
    {
        var best = ranked[0];
        var chosen = new List<int> { best };
        var covered = new HashSet<string>(evidence.Sentences[best].Terms, StringComparer.Ordinal);
        foreach (var candidate in ranked.Skip(1))
        {
            if (chosen.Count == options.MaxSentences || adjusted[candidate] < options.KeepRatio * adjusted[best])
            {
                break;
            }

            var sentence = evidence.Sentences[candidate];
            if (chosen.Any(c => NearDuplicate(evidence.Sentences[c].Terms, sentence.Terms)))
            {
                continue;
            }

            var gain = LexicalSupport.Coverage(questionTerms.Where(t => !covered.Contains(t)).ToList(), sentence.Terms, evidence)
                * questionTerms.Count(t => !covered.Contains(t)) / questionTerms.Count;
            var adjacent = chosen.Any(c => evidence.Sentences[c].Source == sentence.Source && Math.Abs(c - candidate) == 1);
            if (gain >= options.MinCoverageGain || (adjacent && adjusted[candidate] >= 0.95 * adjusted[best]))
            {
                chosen.Add(candidate);
                covered.UnionWith(sentence.Terms);
            }
        }

        return chosen;
    }

    private static bool NearDuplicate(IReadOnlySet<string> a, IReadOnlySet<string> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return false;
        }

        return a.Count(b.Contains) / (double)Math.Min(a.Count, b.Count) > 0.8;
    }

    /// <summary>Writes the chosen sentences in source order, each completed (antecedent, list, table header) and cited.</summary>
    private ExtractiveAnswer Compose(IReadOnlyList<RetrievedChunk> sources, Evidence evidence, List<int> chosen, double support)
    {
        var parts = chosen.Select(i => Expand(evidence, evidence.Sentences[i], chosen)).ToList();
        // A part inside another (a list item chosen with its lead-in) is said once.
        parts = parts.Where((p, i) => !parts.Where((q, j) => j != i && q.Source == p.Source && q.Range.Start <= p.Range.Start && p.Range.End <= q.Range.End
            && (q.Range != p.Range || j < i)).Any()).ToList();

        var text = new StringBuilder();
        var citations = new List<SentenceCitation>();
        foreach (var part in parts.OrderBy(p => p.Source).ThenBy(p => p.Range.Start))
        {
            var number = part.Source + 1;
            if (text.Length > 0)
            {
                text.Append(text[^1] == '\n' || part.Text.StartsWith('\n') ? string.Empty : " ");
            }

            text.Append(part.Text.Replace("{n}", number.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
            citations.Add(new SentenceCitation(number, part.Range, sources[part.Source].PageOf(part.Range)));
        }

        var cited = citations.Select(c => c.Number).Distinct().Order().ToList();
        return new ExtractiveAnswer(text.ToString().TrimEnd(), cited, true) { Sentences = citations, Support = support };
    }

    private sealed record Part(int Source, TextRange Range, string Text);

    /// <summary>
    /// A chosen sentence made readable on its own: with its antecedent when it opens with a pronoun, with its
    /// list when it introduces one, with its lead-in when it is an item (and only the chosen items of that list:
    /// "Are scuba lessons covered?" quotes the lead-in and the scuba item, not the other lessons), as a
    /// statement when it is a table row. "{n}" stands for the source's marker number.
    /// </summary>
    private Part Expand(Evidence evidence, EvidenceSentence sentence, IReadOnlyCollection<int> chosen)
    {
        var source = evidence.Texts[sentence.Source];
        if (TextShape.IsTableRow(sentence.Text))
        {
            var header = evidence.Previous(sentence);
            while (header is not null && evidence.Previous(header) is { } above && TextShape.IsTableRow(above.Text))
            {
                header = above;
            }

            var statement = TextShape.RowStatement(header is not null && TextShape.IsTableRow(header.Text) ? header.Text : null, sentence.Text);
            return new Part(sentence.Source, sentence.Range, WithMarker(statement));
        }

        if (TextShape.IsListItem(sentence.Text) && LeadIn(evidence, sentence) is { } leadIn)
        {
            return List(evidence, leadIn, source, item => chosen.Contains(item.Index));
        }

        if (TextShape.IsLeadIn(sentence.Text))
        {
            return List(evidence, sentence, source, _ => true);
        }

        var first = sentence;
        if (StartsWithReference(sentence.Text) && evidence.Previous(sentence) is { } antecedent && !TextShape.IsHeading(antecedent.Text) && !TextShape.IsQuestion(antecedent.Text))
        {
            first = antecedent;
        }

        var range = new TextRange(first.Range.Start, sentence.Range.End - first.Range.Start);
        var text = TextShape.WithoutOpener(TextShape.WithoutAnswerLabel(Flatten(range.Of(source))));
        return new Part(sentence.Source, range, WithMarker(text.Length > MaxSentenceLength ? text[..MaxSentenceLength].TrimEnd() + "…" : text));
    }

    /// <summary>The lead-in above a list item: the nearest earlier sentence ending in a colon with only items between.</summary>
    private static EvidenceSentence? LeadIn(Evidence evidence, EvidenceSentence item)
    {
        for (var above = evidence.Previous(item); above is not null; above = evidence.Previous(above))
        {
            if (TextShape.IsLeadIn(above.Text))
            {
                return above;
            }

            if (!TextShape.IsListItem(above.Text))
            {
                return null;
            }
        }

        return null;
    }

    /// <summary>A lead-in and the items after it that <paramref name="keep"/> accepts, as a Markdown list under the cited lead-in.</summary>
    private Part List(Evidence evidence, EvidenceSentence leadIn, string source, Func<EvidenceSentence, bool> keep)
    {
        var colon = leadIn.Text.IndexOf(':', StringComparison.Ordinal);
        var lead = colon >= 0 ? leadIn.Text[..colon] : leadIn.Text;
        var items = colon >= 0 ? TextShape.Items(leadIn.Text[(colon + 1)..]).ToList() : [];
        var end = leadIn.Range.End;
        for (var next = evidence.Next(leadIn); next is not null && TextShape.IsListItem(next.Text) && items.Count < options.MaxListItems; next = evidence.Next(next))
        {
            if (keep(next))
            {
                items.AddRange(TextShape.Items(next.Text));
                end = next.Range.End;
            }
        }

        var text = new StringBuilder(Flatten(lead).TrimEnd()).Append(" [{n}]:");
        foreach (var item in items.Take(options.MaxListItems))
        {
            text.Append("\n- ").Append(Flatten(item));
        }

        return new Part(leadIn.Source, new TextRange(leadIn.Range.Start, end - leadIn.Range.Start), text.Append('\n').ToString());
    }

    private static string Flatten(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static string WithMarker(string sentence)
    {
        var end = sentence.Length;
        while (end > 0 && ".!?".Contains(sentence[end - 1], StringComparison.Ordinal))
        {
            end--;
        }

        return end == sentence.Length ? sentence + " [{n}]." : sentence[..end] + " [{n}]" + sentence[end..];
    }

    private static readonly string[] References = ["It ", "It's ", "Its ", "This ", "That ", "They ", "These ", "Those ", "Their ", "Such ", "He ", "She "];

    private static bool StartsWithReference(string sentence) => References.Any(r => sentence.StartsWith(r, StringComparison.Ordinal));

    /// <summary>
    /// "Not found", naming the documents that came closest (best sentence first) instead of citing them as if they answered.
    /// </summary>
    private static ExtractiveAnswer Refusal(IReadOnlyList<RetrievedChunk> sources, IReadOnlyList<int> rankedSources, double support)
    {
        var closest = rankedSources.Concat(Enumerable.Range(0, sources.Count))
            .DistinctBy(i => sources[i].DocumentId)
            .Take(2)
            .ToList();
        var text = closest.Count == 0
            ? NoAnswer
            : $"{NoAnswer} The closest documents were {string.Join(" and ", closest.Select(i => Describe(sources[i])))}.";
        return new ExtractiveAnswer(text, [], false) { Closest = closest.Select(i => i + 1).ToList(), Support = support };
    }

    private static string Describe(RetrievedChunk source)
    {
        var page = source.StartPage is { } start ? (source.EndPage is { } end && end > start ? $", pp. {start}–{end}" : $", p. {start}") : string.Empty;
        return $"“{source.Title}” ({source.SourceName}{page})";
    }
}

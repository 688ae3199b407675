using System.Text;
using KnowledgeBase.Core.Retrieval;
using KnowledgeBase.Core.Text;

namespace KnowledgeBase.Core.Answering;

/// <summary>The outcome of extractive answering: the text with <c>[n]</c> markers, or a plain refusal.</summary>
public sealed record ExtractiveAnswer(string Text, IReadOnlyList<int> CitedNumbers, bool Answered);

/// <summary>
/// Answers without a generative model: picks the sentences of the retrieved sources that cover the
/// question's terms best (weighted by rarity among the candidates, nudged by retrieval rank), keeps
/// them in document order and cites each. Says so plainly when nothing covers the question.
/// </summary>
public sealed class ExtractiveAnswerer
{
    public const string NoAnswer = "I could not find an answer to that in the documents you have access to.";

    private const int MaxSentences = 3;
    private const int MaxSentenceLength = 600;
    private const double MinCoverage = 0.35;

    public ExtractiveAnswer Answer(string question, IReadOnlyList<RetrievedChunk> sources)
    {
        var queryTerms = TermAnalyzer.Terms(question).Distinct(StringComparer.Ordinal).ToList();
        var candidates = Candidates(sources);
        if (candidates.Count == 0 || queryTerms.Count == 0)
        {
            return new ExtractiveAnswer(NoAnswer, [], false);
        }

        var idf = InverseDocumentFrequency(queryTerms, candidates);
        var totalWeight = queryTerms.Sum(t => idf[t]);
        var wantsQuantity = AsksForQuantity(question);
        var coverages = candidates.Select(c => Coverage(c, queryTerms, idf, totalWeight)).ToArray();
        var scored = candidates
            .Select((c, i) =>
            {
                // A sentence continuing the previous one ("It gives 600 EUR…") inherits some of its match.
                var inherited = i > 0 && candidates[i - 1].SourceNumber == c.SourceNumber ? 0.5 * coverages[i - 1] : 0;
                var own = coverages[i];
                var answerType = wantsQuantity && c.HasNumber ? 0.15 : 0;
                return (Candidate: c, Coverage: Math.Max(own, inherited), Score: own + inherited + answerType + (0.1 / c.SourceNumber));
            })
            .Where(x => !x.Candidate.IsHeading)
            .OrderByDescending(x => x.Score)
            .ToList();
        if (scored.Count == 0)
        {
            return new ExtractiveAnswer(NoAnswer, [], false);
        }

        var best = scored[0];
        if (best.Coverage < MinCoverage)
        {
            return new ExtractiveAnswer(NoAnswer, [], false);
        }

        var chosen = new List<Candidate>();
        foreach (var (candidate, coverage, score) in scored)
        {
            if (chosen.Count == MaxSentences || score < best.Score * 0.6)
            {
                break;
            }

            if (coverage >= MinCoverage && !chosen.Any(c => NearDuplicate(c.Terms, candidate.Terms)))
            {
                chosen.Add(candidate);
            }
        }

        var ordered = chosen.OrderBy(c => c.SourceNumber).ThenBy(c => c.Position).ToList();
        var text = new StringBuilder();
        foreach (var sentence in ordered)
        {
            if (text.Length > 0)
            {
                text.Append(' ');
            }

            text.Append(WithMarker(sentence.Text, sentence.SourceNumber));
        }

        var cited = ordered.Select(c => c.SourceNumber).Distinct().Order().ToList();
        return new ExtractiveAnswer(text.ToString(), cited, true);
    }

    private static List<Candidate> Candidates(IReadOnlyList<RetrievedChunk> sources)
    {
        var candidates = new List<Candidate>();
        for (var i = 0; i < sources.Count; i++)
        {
            var position = 0;
            foreach (var line in sources[i].Text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                foreach (var sentence in JoinContinuations(SentenceSplitter.Split(line)))
                {
                    if (sentence.Length < 12)
                    {
                        continue;
                    }

                    var text = sentence.Length > MaxSentenceLength ? sentence[..MaxSentenceLength].TrimEnd() + "…" : sentence;
                    var terms = TermAnalyzer.Terms(text).ToHashSet(StringComparer.Ordinal);
                    candidates.Add(new Candidate(text, i + 1, position++, terms, text.Any(char.IsDigit), LooksLikeHeading(text)));
                }
            }
        }

        return candidates;
    }

    private static Dictionary<string, double> InverseDocumentFrequency(List<string> queryTerms, List<Candidate> candidates)
    {
        var idf = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var term in queryTerms)
        {
            var df = candidates.Count(c => c.Terms.Contains(term));
            idf[term] = Math.Log(1 + ((candidates.Count + 1.0) / (df + 0.5)));
        }

        return idf;
    }

    private static double Coverage(Candidate candidate, List<string> queryTerms, Dictionary<string, double> idf, double totalWeight)
    {
        var matched = queryTerms.Where(candidate.Terms.Contains).Sum(t => idf[t]);
        // Very long sentences match by accident more often; dampen them a little.
        var lengthPenalty = candidate.Terms.Count > 40 ? 0.85 : 1.0;
        return totalWeight == 0 ? 0 : matched / totalWeight * lengthPenalty;
    }

    private static bool NearDuplicate(HashSet<string> a, HashSet<string> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return false;
        }

        var shared = a.Count(b.Contains);
        return shared / (double)Math.Min(a.Count, b.Count) > 0.8;
    }

    private static string WithMarker(string sentence, int number)
    {
        var marker = $" [{number}]";
        var end = sentence.Length;
        while (end > 0 && ".!?".Contains(sentence[end - 1], StringComparison.Ordinal))
        {
            end--;
        }

        return end == sentence.Length ? sentence + marker + "." : sentence[..end] + marker + sentence[end..];
    }

    private static readonly string[] Continuations = ["It ", "It's ", "Its ", "This ", "That ", "They ", "These ", "Those ", "Their ", "Such "];

    /// <summary>A sentence opening with a pronoun ("It gives 600 EUR…") means nothing alone: keep it with its antecedent.</summary>
    private static IEnumerable<string> JoinContinuations(IReadOnlyList<string> sentences)
    {
        string? current = null;
        foreach (var sentence in sentences)
        {
            if (current is not null && current.Length + sentence.Length < MaxSentenceLength
                && Continuations.Any(c => sentence.StartsWith(c, StringComparison.Ordinal)))
            {
                current += " " + sentence;
                continue;
            }

            if (current is not null)
            {
                yield return current;
            }

            current = sentence;
        }

        if (current is not null)
        {
            yield return current;
        }
    }

    /// <summary>A short line without closing punctuation is a title or heading: context, not an answer.</summary>
    private static bool LooksLikeHeading(string text) =>
        !".!?:;)\"”".Contains(text[^1], StringComparison.Ordinal) && text.Split(' ').Length <= 8;

    private static bool AsksForQuantity(string question)
    {
        var q = question.ToLowerInvariant();
        return q.Contains("how much", StringComparison.Ordinal) || q.Contains("how many", StringComparison.Ordinal)
            || q.Contains("how long", StringComparison.Ordinal) || q.Contains("how often", StringComparison.Ordinal)
            || q.Contains("when ", StringComparison.Ordinal) || q.Contains("what is the limit", StringComparison.Ordinal)
            || q.Contains("cost", StringComparison.Ordinal) || q.Contains("rate", StringComparison.Ordinal)
            || q.Contains(" cap", StringComparison.Ordinal) || q.Contains("deadline", StringComparison.Ordinal)
            || q.Contains("percent", StringComparison.Ordinal) || q.Contains("by when", StringComparison.Ordinal);
    }

    private sealed record Candidate(string Text, int SourceNumber, int Position, HashSet<string> Terms, bool HasNumber, bool IsHeading);
}

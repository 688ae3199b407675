using System.Text;
using System.Text.RegularExpressions;
using KnowledgeBase.Core.Chunking;
using KnowledgeBase.Core.Guardrails.Injection;
using KnowledgeBase.Core.Retrieval;

namespace KnowledgeBase.Core.Answering;

/// <summary>
/// Builds the grounded-answer prompt: the versioned instructions alone in the system message, the
/// most recent history that fits its budget, then one user message with the numbered sources (title
/// and pages, in retrieval order, as many as fit the source budget) and the question. Numbers are the
/// retrieval event's, so a citation in the answer points at what the reader sees.
/// Every piece is counted once (counting is most of the cost of building a prompt, and it sits
/// before the first token): the input size is the sum of the pieces' counts.
/// Sources are spotlighted (<see cref="Spotlight"/>): the block's tags carry a random boundary made per
/// request and source text cannot close it or forge a heading; a source flagged as carrying a planted
/// instruction can be passed as a quotation.
/// </summary>
public sealed partial class PromptBuilder(ITokenCounter tokens)
{
    private const string QuestionStart = "\n\n<question>\n";
    private const string QuestionEnd = "\n</question>";

    /// <summary>Roughly what a chat model adds per message (role and separators).</summary>
    private const int MessageOverhead = 4;

    /// <summary>A source cut shorter than this is not worth sending.</summary>
    private const int MinSourceTokens = 40;

    /// <summary>The instructions and the user message's fixed tags, counted once (they never change).</summary>
    private readonly Lazy<int> fixedTokens = new(() =>
        tokens.CountTokens(AnswerPrompt.System) + tokens.CountTokens(Spotlight.OpenTag("000000000000") + "\n\n" + Spotlight.CloseTag("000000000000") + QuestionStart + QuestionEnd)
        + (2 * MessageOverhead));

    /// <param name="quoted">Chunks to pass as quoted data (flagged as carrying a planted instruction).</param>
    /// <param name="boundary">The sources block's boundary; a fresh random one when null.</param>
    public Prompt Build(
        string question, IReadOnlyList<RetrievedChunk> sources, IReadOnlyList<ChatTurn> history, PromptBudget budget,
        IReadOnlySet<long>? quoted = null, string? boundary = null)
    {
        // One buffer, sized for everything, is the only copy of the sources made before the message itself.
        question = Spotlight.Neutralise(question.Trim());
        boundary ??= Spotlight.NewBoundary();
        var user = new StringBuilder(sources.Sum(s => s.Title.Length + s.SourceName.Length + s.Text.Length + 40) + question.Length + 96);
        user.Append(Spotlight.OpenTag(boundary)).Append('\n');
        var (numbers, sourceTokens) = Sources(sources, budget.SourceTokens, user, quoted);
        user.Append(Spotlight.CloseTag(boundary)).Append(QuestionStart).Append(question).Append(QuestionEnd);
        var (turns, historyTokens) = History(history, budget.HistoryTokens);

        var messages = new List<PromptMessage>(turns.Count + 2) { new(PromptRole.System, AnswerPrompt.System) };
        messages.AddRange(turns);
        messages.Add(new PromptMessage(PromptRole.User, user.ToString()));
        var inputTokens = fixedTokens.Value + historyTokens + sourceTokens + tokens.CountTokens(question);
        return new Prompt(messages, numbers, turns.Count, inputTokens);
    }

    /// <summary>A source's heading line: <c>[n] Title (file, page p)</c>.</summary>
    public static string Heading(int number, RetrievedChunk source)
    {
        var pages = source.StartPage is not { } start ? string.Empty
            : source.EndPage is { } end && end > start ? $", pages {start}-{end}"
            : $", page {start}";
        return $"[{number}] {Spotlight.Neutralise(source.Title)} ({Spotlight.Neutralise(source.SourceName)}{pages})";
    }

    /// <summary>Appends the numbered sources that fit the budget; returns their numbers and their size in tokens.</summary>
    private (IReadOnlySet<int> Numbers, int Tokens) Sources(IReadOnlyList<RetrievedChunk> sources, int budget, StringBuilder block, IReadOnlySet<long>? quoted)
    {
        var numbers = new SortedSet<int>();
        var left = budget;
        var counted = 0;
        for (var i = 0; i < sources.Count; i++)
        {
            var heading = Heading(i + 1, sources[i]);
            var headingTokens = tokens.CountTokens(heading) + 1;
            var text = quoted?.Contains(sources[i].ChunkId) == true ? Spotlight.Quote(sources[i].Text.Trim()) : Spotlight.Neutralise(sources[i].Text.Trim());
            var textTokens = tokens.CountTokens(text);
            if (headingTokens + textTokens > left)
            {
                // Too long for what is left: a cut of it is better than nothing while it still says something.
                var room = left - headingTokens;
                if (room < MinSourceTokens)
                {
                    continue;
                }

                text = Cut(text, room);
                textTokens = tokens.CountTokens(text);
            }

            block.Append(heading).Append('\n').Append(text).Append("\n\n");
            numbers.Add(i + 1);
            left -= headingTokens + textTokens + 1;
            counted += headingTokens - 1 + textTokens;
        }

        return (numbers, counted);
    }

    /// <summary>The longest word-boundary prefix of <paramref name="text"/> within <paramref name="budget"/> tokens (binary search over words).</summary>
    private string Cut(string text, int budget)
    {
        var words = text.Split(' ');
        int low = 0, high = words.Length;
        while (low < high)
        {
            var mid = (low + high + 1) / 2;
            if (tokens.CountTokens(string.Join(' ', words, 0, mid) + " …") <= budget)
            {
                low = mid;
            }
            else
            {
                high = mid - 1;
            }
        }

        return string.Join(' ', words, 0, low) + " …";
    }

    /// <summary>The most recent turns that fit, whole and in order; an older turn never skips past a newer one.</summary>
    private (List<PromptMessage> Turns, int Tokens) History(IReadOnlyList<ChatTurn> history, int budget)
    {
        var kept = new List<PromptMessage>();
        var left = budget;
        for (var i = history.Count - 1; i >= 0; i--)
        {
            // Earlier answers cite earlier sources: their numbers mean nothing against this prompt's sources.
            var text = history[i].Role == ChatTurnRole.Assistant ? CitationMarker().Replace(history[i].Text, string.Empty) : history[i].Text;
            var cost = tokens.CountTokens(text) + MessageOverhead;
            if (cost > left)
            {
                break;
            }

            kept.Add(new PromptMessage(history[i].Role == ChatTurnRole.User ? PromptRole.User : PromptRole.Assistant, text));
            left -= cost;
        }

        kept.Reverse();
        return (kept, budget - left);
    }

    [GeneratedRegex(@" ?\[\d+(?:\s*[,;]\s*\d+)*\]")]
    private static partial Regex CitationMarker();
}

using System.Runtime.CompilerServices;
using KnowledgeBase.Core.Answering;
using KnowledgeBase.Core.Retrieval;
using KnowledgeBase.Infrastructure.Guardrails;
using KnowledgeBase.Infrastructure.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KnowledgeBase.Infrastructure.Answering.Llm;

/// <summary>How an answer was produced, filled in as the stream ends (for the done event).</summary>
public sealed class GenerationOutcome
{
    public string Mode { get; set; } = AnswerGenerator.ExtractiveMode;

    public string Model { get; set; } = AnswerGenerator.ExtractiveMode;

    public TokenUsage Usage { get; set; } = new(0, 0);

    public decimal Cost { get; set; }

    public IReadOnlyList<int> CitedNumbers { get; set; } = [];

    public bool FallbackUsed { get; set; }

    public bool Answered { get; set; } = true;

    /// <summary>The model's answer reached <c>Llm:MaxOutputTokens</c> and was cut there.</summary>
    public bool Truncated { get; set; }

    /// <summary>The extractive answer, when the extractive answerer wrote the (last part of the) answer: the sentences it cited.</summary>
    public ExtractiveAnswer? Extractive { get; set; }
}

/// <summary>
/// Writes the answer from the numbered sources: each configured model in turn (primary first), then
/// the extractive answerer, which cannot fail. A model that fails before anything reached the reader
/// is replaced silently apart from a notice; one that fails mid-answer is never retried (the reader
/// would see text twice): a notice says so (<see cref="NoticeEvent.ReplacesAnswer"/>) and the next one
/// answers below. Citations are checked against the sources as the text streams, and a model's answer
/// stops at <c>Llm:MaxOutputTokens</c> even when the provider ignores the limit.
/// </summary>
public sealed class AnswerGenerator(
    ChatProviderChain chain,
    PromptBuilder prompts,
    TiktokenCounter tokens,
    ExtractiveAnswerService extractive,
    IOptions<LlmOptions> options,
    IOptions<TelemetryOptions> telemetry,
    CollectionLabels collections,
    GuardrailService guardrails,
    TimeProvider time,
    ILogger<AnswerGenerator> logger)
{
    public const string ExtractiveMode = "extractive";
    public const string LlmMode = "llm";

    /// <summary>"llm" when a model is configured, else "extractive" (for /api/info).</summary>
    public string Mode => chain.Primary is null ? ExtractiveMode : LlmMode;

    /// <summary>The primary model, or "extractive".</summary>
    public string Model => chain.Primary?.Model ?? ExtractiveMode;

    public async IAsyncEnumerable<ChatEvent> GenerateAsync(
        string question,
        IReadOnlyList<RetrievedChunk> sources,
        AskContext context,
        string? collection,
        GenerationOutcome outcome,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var call = new CallContext(context.UserId, collection, telemetry.Value.CaptureContent, guardrails.Redact);
        var cited = new SortedSet<int>();
        var usage = new TokenUsage(0, 0);
        var cost = 0m;
        var shown = false;
        var providers = chain.Providers;
        var prompt = providers.Count > 0
            ? prompts.Build(question, sources, context.Turns, new PromptBudget(settings.SourceTokens, settings.HistoryTokens), context.QuotedSources)
            : null;

        for (var i = 0; i < providers.Count; i++)
        {
            var provider = providers[i];
            var model = new ModelCall(provider, prompt!, settings, tokens, time, call);
            var filter = new CitationFilter(prompt!.SourceNumbers);
            var cap = new OutputCap(settings.MaxOutputTokens, tokens);
            Exception? failure = null;
            // A reader who stops the answer (a guardrail block, a client leaving) still leaves a billed call behind:
            // the outcome says who wrote what was shown and what it cost, however the stream ends.
            outcome.Mode = LlmMode;
            outcome.Model = provider.Model;
            outcome.FallbackUsed = i > 0;
            try
            {
                await using var stream = model.StreamAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
                while (!cap.Reached)
                {
                    ModelChunk chunk;
                    try
                    {
                        if (!await stream.MoveNextAsync())
                        {
                            break;
                        }

                        chunk = stream.Current;
                    }
                    catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                    {
                        failure = e;
                        break;
                    }

                    if (chunk.IsNotice)
                    {
                        yield return new NoticeEvent(chunk.Text);
                        continue;
                    }

                    cap.Add(chunk.Text);
                    var text = filter.Push(chunk.Text);
                    if (text.Length > 0)
                    {
                        shown = true;
                        yield return new TokenEvent(text);
                    }
                }
            }
            finally
            {
                usage += model.Usage;
                var callCost = ModelPrice.CostOf(settings.Pricing, provider.Model, model.Usage);
                cost += callCost;
                RecordCost(callCost, provider.Model, collections.Label(collection));
                cited.UnionWith(filter.CitedNumbers);
                (outcome.Usage, outcome.Cost, outcome.CitedNumbers) = (usage, cost, [.. cited]);
            }

            if (failure is null)
            {
                if (filter.Flush() is { Length: > 0 } rest)
                {
                    yield return new TokenEvent(rest);
                }

                Finish(outcome, LlmMode, provider.Model, usage, cost, cited, fallbackUsed: i > 0);
                outcome.Truncated = cap.Reached || model.StoppedAtLength;
                if (cap.Reached)
                {
                    logger.LogWarning("Model {Model} reached Llm:MaxOutputTokens ({Limit}); the answer was cut there", provider.Model, settings.MaxOutputTokens);
                }

                yield break;
            }

            var next = i + 1 < providers.Count ? providers[i + 1].Model : "the offline extractive answerer";
            var reason = ModelFaults.Describe(failure);
            logger.LogWarning(failure, "Model {Model} failed ({Reason}) {When}; switching to {Next}", provider.Model, reason, shown ? "mid-answer" : "before answering", next);
            GenAiTelemetry.Fallbacks.Add(1, new KeyValuePair<string, object?>("gen_ai.request.model", provider.Model), new KeyValuePair<string, object?>("after_tokens", shown));
            yield return shown
                ? new NoticeEvent($"The model {provider.Model} stopped mid-answer ({reason}); the answer below comes from {next}.", ReplacesAnswer: true)
                : new NoticeEvent($"The model {provider.Model} is unavailable ({reason}); answering with {next}.");
            if (shown)
            {
                // The cut-off text is not part of the answer that follows, nor are its citations.
                cited.Clear();
                shown = false;
                yield return new TokenEvent("\n\n");
            }
        }

        (outcome.Mode, outcome.Model, outcome.FallbackUsed) = (ExtractiveMode, ExtractiveMode, providers.Count > 0);
        var answer = await extractive.AnswerAsync(context.SearchQuery ?? question, sources, cancellationToken);
        foreach (var piece in StreamingText.Pieces(answer.Text))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return new TokenEvent(piece);
        }

        cited.UnionWith(answer.CitedNumbers);
        Finish(outcome, ExtractiveMode, ExtractiveMode, usage, cost, cited, fallbackUsed: providers.Count > 0);
        outcome.Answered = answer.Answered;
        outcome.Extractive = answer;
    }

    private static void Finish(GenerationOutcome outcome, string mode, string model, TokenUsage usage, decimal cost, SortedSet<int> cited, bool fallbackUsed)
    {
        outcome.Mode = mode;
        outcome.Model = model;
        outcome.Usage = usage;
        outcome.Cost = cost;
        outcome.CitedNumbers = [.. cited];
        outcome.FallbackUsed = fallbackUsed;
    }

    /// <summary>By model and collection (a known one, see <see cref="CollectionLabels"/>); users are in the usage report, not in metrics.</summary>
    private static void RecordCost(decimal cost, string model, string collection)
    {
        if (cost > 0)
        {
            GenAiTelemetry.Cost.Add((double)cost, [new("gen_ai.request.model", model), new("collection", collection)]);
        }
    }
}

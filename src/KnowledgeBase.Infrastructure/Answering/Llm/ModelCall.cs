using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using KnowledgeBase.Core.Answering;
using KnowledgeBase.Infrastructure.Telemetry;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using OpenAI.Chat;
using Polly;

namespace KnowledgeBase.Infrastructure.Answering.Llm;

/// <summary>
/// Who and what a model call is for: metric dimensions and span attributes. With content capture on, prompt and
/// answer text pass through <see cref="Redact"/> (the guardrails) first: what a reader may not see is not exported either.
/// </summary>
public sealed record CallContext(string? UserId, string? Collection, bool CaptureContent, Func<string, string>? Redact = null)
{
    public string Exportable(string text) => Redact is null ? text : Redact(text);
}

/// <summary>What a model call streams: answer text, or a notice for the reader (a retry begins).</summary>
public readonly record struct ModelChunk(string Text, bool IsNotice = false);

/// <summary>
/// One provider answering one prompt, streamed. The provider's pipeline runs the call in the
/// background and the tokens flow through a channel, so the pipeline (concurrency permit, total
/// timeout, retries, circuit breaker) covers the whole stream while the caller yields tokens as they
/// come. Inside each attempt a watchdog enforces the idle time between chunks and the time to the
/// first token, one deadline for all attempts together, so a stalled provider costs at most
/// <c>FirstTokenSeconds</c> before the next one answers. Reports a span and the GenAI metrics.
/// </summary>
public sealed class ModelCall(ChatProvider provider, Prompt prompt, LlmOptions options, TiktokenCounter tokens, TimeProvider time, CallContext context)
{
    private readonly StreamAttempt attempt = new();

    /// <summary>Tokens billed for this call: as the provider reported them, else estimated when the model produced anything.</summary>
    public TokenUsage Usage { get; private set; } = new(0, 0);

    /// <summary>The provider stopped at its output-token limit (finish reason "length").</summary>
    public bool StoppedAtLength => attempt.StoppedAtLength;

    public async IAsyncEnumerable<ModelChunk> StreamAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var activity = KnowledgeBaseTelemetry.Source.StartActivity($"chat {provider.Model}", ActivityKind.Client);
        activity?.SetTag(LangfuseAttributes.ObservationType, LangfuseAttributes.Generation);
        activity?.SetTag(LangfuseAttributes.PromptName, AnswerPrompt.Name);
        activity?.SetTag(LangfuseAttributes.PromptVersion, AnswerPrompt.VersionNumber);
        activity?.SetTag("gen_ai.operation.name", "chat");
        activity?.SetTag("gen_ai.provider.name", provider.Options.SystemName);
        activity?.SetTag("gen_ai.system", provider.Options.SystemName);
        activity?.SetTag("gen_ai.request.model", provider.Model);
        activity?.SetTag("gen_ai.request.max_tokens", options.MaxOutputTokens);
        activity?.SetTag("gen_ai.request.temperature", options.Temperature);
        activity?.SetTag("kb.prompt.version", AnswerPrompt.Version);
        activity?.SetTag("kb.llm.provider", provider.Options.Key);
        activity?.SetTag("kb.prompt.sources", prompt.SourceNumbers.Count);
        activity?.SetTag("kb.prompt.history_turns", prompt.HistoryTurns);
        if (provider.Options.Endpoint is { } endpoint)
        {
            activity?.SetTag("server.address", endpoint.Host);
            activity?.SetTag("server.port", endpoint.Port);
        }

        if (context.CaptureContent)
        {
            activity?.SetTag("gen_ai.input.messages", JsonSerializer.Serialize(prompt.Messages.Select(m => new { role = m.Role.ToString().ToLowerInvariant(), content = context.Exportable(m.Text) })));
        }

        var started = time.GetTimestamp();
        var answer = new StringBuilder();
        // Synchronous continuations: a chunk goes on to the reader in the same work item that read it
        // from the socket, instead of queueing one more thread-pool hop per chunk (which, under load,
        // is a wait in the pool's queue per token). The reader only ever awaits, so the producer is held
        // up no longer than the reader's synchronous work on that chunk.
        var channel = Channel.CreateUnbounded<ModelChunk>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true, AllowSynchronousContinuations = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Exception? failure = null;
        attempt.FirstTokenDeadline = started + (long)(options.Resilience.FirstTokenSeconds * time.TimestampFrequency);
        attempt.Reader = cancellationToken;
        attempt.Notify = notice => channel.Writer.TryWrite(new ModelChunk(notice, IsNotice: true));
        var producer = ProduceAsync(channel.Writer, stop.Token);
        try
        {
            await foreach (var chunk in channel.Reader.ReadAllAsync(cancellationToken))
            {
                if (!chunk.IsNotice)
                {
                    answer.Append(chunk.Text);
                }

                yield return chunk;
            }

            failure = await producer;
            if (failure is not null)
            {
                ExceptionDispatchInfo.Throw(failure);
            }
        }
        finally
        {
            // The reader left (or cancelled): stop the model call and wait for it to end. A call we
            // stopped ourselves did not fail.
            var abandoned = !producer.IsCompleted;
            if (abandoned)
            {
                attempt.Abandoned = true;
            }

            await stop.CancelAsync();
            var ended = await producer;
            failure ??= abandoned ? null : ended;
            Record(activity, started, answer.ToString(), cancellationToken.IsCancellationRequested ? null : failure);
        }
    }

    /// <summary>Runs the call through the pipeline; never throws, returns the failure.</summary>
    private async Task<Exception?> ProduceAsync(ChannelWriter<ModelChunk> writer, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(StreamAttempt.Key, attempt);
        try
        {
            await provider.Pipeline.ExecuteAsync(static (ctx, state) => state.call.AttemptAsync(state.writer, ctx.CancellationToken), context, (call: this, writer));
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
            writer.TryComplete();
        }
    }

    private async ValueTask AttemptAsync(ChannelWriter<ModelChunk> writer, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref attempt.Attempts);
        var firstTokenLeft = attempt.FirstTokenTimeLeft(time);
        if (firstTokenLeft <= TimeSpan.Zero)
        {
            throw NoFirstToken();
        }

        var idle = TimeSpan.FromSeconds(options.Resilience.IdleSeconds);
        using var watchdog = new StreamWatchdog(time, firstTokenLeft, idle);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, watchdog.Token);
        var started = time.GetTimestamp();
        var gotFirst = false;
        var settings = new OpenAIPromptExecutionSettings { MaxTokens = options.MaxOutputTokens, Temperature = options.Temperature };
        try
        {
            await foreach (var chunk in provider.Service.GetStreamingChatMessageContentsAsync(History(prompt), settings, null, linked.Token))
            {
                if (!string.IsNullOrEmpty(chunk.Content))
                {
                    if (!gotFirst)
                    {
                        gotFirst = true;
                        attempt.FirstTokenAt = time.GetTimestamp();
                        attempt.TimeToFirstToken = time.GetElapsedTime(started, attempt.FirstTokenAt);
                    }

                    attempt.Written = true;
                    writer.TryWrite(new ModelChunk(chunk.Content));
                }

                if (gotFirst)
                {
                    watchdog.Chunk();
                }

                attempt.ResponseModel = chunk.ModelId ?? attempt.ResponseModel;
                if (chunk.Metadata?.TryGetValue("Usage", out var value) == true && UsageOf(value) is { } usage)
                {
                    attempt.Usage = usage;
                    attempt.CachedInputTokens = usage.CachedInputTokens;
                }

                if (chunk.Metadata?.TryGetValue("FinishReason", out var finish) == true && finish is not null
                    && string.Equals(finish.ToString(), "length", StringComparison.OrdinalIgnoreCase))
                {
                    attempt.StoppedAtLength = true;
                }
            }
        }
        catch (OperationCanceledException) when (watchdog.Expired && !cancellationToken.IsCancellationRequested)
        {
            throw gotFirst ? new ModelTimeoutException($"no data for {idle.TotalSeconds:0.#} s mid-answer") : NoFirstToken();
        }

        if (!gotFirst)
        {
            throw new EmptyAnswerException();
        }
    }

    private ModelTimeoutException NoFirstToken() => new($"no first token within {options.Resilience.FirstTokenSeconds:0.#} s");

    /// <summary>Usage as the OpenAI connector reports it, or as ours (AnthropicChatService) does.</summary>
    private static TokenUsage? UsageOf(object? reported) => reported switch
    {
        ChatTokenUsage openAi => new TokenUsage(openAi.InputTokenCount, openAi.OutputTokenCount, openAi.InputTokenDetails?.CachedTokenCount ?? 0),
        TokenUsage ours => ours,
        _ => null,
    };

    private static ChatHistory History(Prompt prompt)
    {
        var history = new ChatHistory();
        foreach (var message in prompt.Messages)
        {
            switch (message.Role)
            {
                case PromptRole.System:
                    history.AddSystemMessage(message.Text);
                    break;
                case PromptRole.Assistant:
                    history.AddAssistantMessage(message.Text);
                    break;
                default:
                    history.AddUserMessage(message.Text);
                    break;
            }
        }

        return history;
    }

    private void Record(Activity? activity, long started, string answer, Exception? failure)
    {
        // Without reported usage, a call that produced text was billed: estimate it with the tokenizer.
        Usage = attempt.Usage ?? (answer.Length > 0 ? new TokenUsage(prompt.InputTokens, tokens.CountTokens(answer)) : new TokenUsage(0, 0));
        var responseModel = attempt.ResponseModel ?? provider.Model;
        var tags = new TagList
        {
            { "gen_ai.operation.name", "chat" },
            { "gen_ai.provider.name", provider.Options.SystemName },
            { "gen_ai.request.model", provider.Model },
            { "gen_ai.response.model", responseModel },
        };
        if (failure is not null)
        {
            tags.Add("error.type", ModelFaults.ErrorType(failure));
        }

        GenAiTelemetry.OperationDuration.Record(time.GetElapsedTime(started).TotalSeconds, tags);
        if (attempt.TimeToFirstToken is { } ttft)
        {
            GenAiTelemetry.TimeToFirstChunk.Record(ttft.TotalSeconds, tags);
        }

        if (Usage.InputTokens + Usage.OutputTokens > 0)
        {
            var input = tags;
            input.Add("gen_ai.token.type", "input");
            GenAiTelemetry.TokenUsage.Record(Usage.InputTokens, input);
            var output = tags;
            output.Add("gen_ai.token.type", "output");
            GenAiTelemetry.TokenUsage.Record(Usage.OutputTokens, output);
            GenAiTelemetry.CachedInputTokens.Add(attempt.CachedInputTokens, tags);
        }

        if (activity is null)
        {
            return;
        }

        activity.SetTag("gen_ai.response.model", responseModel);
        activity.SetTag("gen_ai.usage.input_tokens", Usage.InputTokens);
        activity.SetTag("gen_ai.usage.output_tokens", Usage.OutputTokens);
        activity.SetTag(LangfuseAttributes.UsageDetails, $$"""{"input":{{Usage.InputTokens}},"output":{{Usage.OutputTokens}},"input_cached_tokens":{{attempt.CachedInputTokens}}}""");
        var cost = ModelPrice.CostOf(options.Pricing, provider.Model, Usage);
        activity.SetTag("gen_ai.usage.cost", (double)cost);
        activity.SetTag(LangfuseAttributes.CostDetails, string.Create(System.Globalization.CultureInfo.InvariantCulture, $$"""{"total":{{cost}}}"""));
        activity.SetTag("kb.llm.attempts", attempt.Attempts);
        activity.SetTag("kb.llm.usage_estimated", attempt.Usage is null);
        if (attempt.TimeToFirstToken is { } first)
        {
            activity.SetTag("kb.llm.time_to_first_token_ms", Math.Round(first.TotalMilliseconds, 1));
            // The last attempt's first token, on the span's clock (retries happen before it).
            var firstAt = activity.StartTimeUtc + time.GetElapsedTime(started, attempt.FirstTokenAt);
            activity.SetTag(LangfuseAttributes.CompletionStartTime, firstAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        }

        // No gen_ai.output.messages: the model's raw text is what output guardrails may still redact. With content
        // capture on, the answer as the asker saw it is the trace's output (set by the answer's root span).
        if (failure is not null)
        {
            activity.SetTag("error.type", ModelFaults.ErrorType(failure));
            activity.SetStatus(ActivityStatusCode.Error, ModelFaults.Describe(failure));
        }
    }
}

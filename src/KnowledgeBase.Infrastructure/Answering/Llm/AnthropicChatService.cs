using System.Runtime.CompilerServices;
using System.Text;
using Anthropic;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;
using KnowledgeBase.Core.Answering;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using Microsoft.SemanticKernel.Services;

namespace KnowledgeBase.Infrastructure.Answering.Llm;

/// <summary>
/// Claude through the official Anthropic SDK, behind Semantic Kernel's chat seam, so it is one more link of the
/// provider chain (Semantic Kernel has no Anthropic connector of its own). The system message — the versioned
/// instructions, the prompt's stable prefix — is sent as a text block marked <c>cache_control: ephemeral</c>, so
/// repeated asks read it from Anthropic's prompt cache. The usage Anthropic reports (cache reads and writes
/// included) comes back as a <see cref="TokenUsage"/> in the last chunk's "Usage" metadata. Retries, timeouts and
/// the breaker belong to the chain's pipeline: the SDK's own retries are off.
/// </summary>
public sealed class AnthropicChatService(AnthropicClient client, string model, int defaultMaxTokens) : IChatCompletionService
{
    /// <summary>Anthropic's stop reason for an answer cut at max_tokens (reported as "length", as OpenAI names it).</summary>
    private const string MaxTokensStop = "max_tokens";

    public IReadOnlyDictionary<string, object?> Attributes { get; } = new Dictionary<string, object?> { [AIServiceExtensions.ModelIdKey] = model };

    public async Task<IReadOnlyList<ChatMessageContent>> GetChatMessageContentsAsync(
        ChatHistory chatHistory, PromptExecutionSettings? executionSettings = null, Kernel? kernel = null, CancellationToken cancellationToken = default)
    {
        var text = new StringBuilder();
        IReadOnlyDictionary<string, object?>? metadata = null;
        await foreach (var chunk in GetStreamingChatMessageContentsAsync(chatHistory, executionSettings, kernel, cancellationToken))
        {
            text.Append(chunk.Content);
            metadata = chunk.Metadata ?? metadata;
        }

        return [new ChatMessageContent(AuthorRole.Assistant, text.ToString(), model, metadata: metadata)];
    }

    public async IAsyncEnumerable<StreamingChatMessageContent> GetStreamingChatMessageContentsAsync(
        ChatHistory chatHistory, PromptExecutionSettings? executionSettings = null, Kernel? kernel = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var request = Request(chatHistory, executionSettings);
        Usage? started = null;
        await using var events = client.Messages.CreateStreaming(request, cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            RawMessageStreamEvent current;
            try
            {
                if (!await events.MoveNextAsync())
                {
                    yield break;
                }

                current = events.Current;
            }
            catch (AnthropicApiException e)
            {
                // The status code is what the chain's retry and breaker decide on (ModelFaults); never the provider's message.
                throw new HttpOperationException(e.StatusCode, responseContent: null, $"Anthropic returned HTTP {(int)e.StatusCode}.", e);
            }

            if (current.TryPickStart(out var start))
            {
                started = start.Message.Usage;
            }
            else if (current.TryPickContentBlockDelta(out var block) && block.Delta.TryPickText(out var delta) && delta.Text.Length > 0)
            {
                yield return new StreamingChatMessageContent(AuthorRole.Assistant, delta.Text, modelId: model);
            }
            else if (current.TryPickDelta(out var end))
            {
                var stop = end.Delta.StopReason?.Raw();
                yield return new StreamingChatMessageContent(AuthorRole.Assistant, content: null, modelId: model, metadata: new Dictionary<string, object?>
                {
                    ["Usage"] = UsageOf(started, end.Usage),
                    ["FinishReason"] = stop == MaxTokensStop ? "length" : stop,
                });
            }
        }
    }

    /// <summary>
    /// Anthropic counts cache reads and writes apart from <c>input_tokens</c>: the input is their sum. The final
    /// message_delta carries the output count (and, in newer API versions, the input counts again).
    /// </summary>
    private static TokenUsage UsageOf(Usage? started, MessageDeltaUsage final)
    {
        var read = final.CacheReadInputTokens ?? started?.CacheReadInputTokens ?? 0;
        var written = final.CacheCreationInputTokens ?? started?.CacheCreationInputTokens ?? 0;
        var input = (final.InputTokens ?? started?.InputTokens ?? 0) + read + written;
        return new TokenUsage((int)input, (int)final.OutputTokens, (int)read, (int)written);
    }

    private MessageCreateParams Request(ChatHistory history, PromptExecutionSettings? settings)
    {
        var system = new List<TextBlockParam>();
        var messages = new List<MessageParam>();
        foreach (var message in history)
        {
            var text = message.Content ?? string.Empty;
            if (message.Role == AuthorRole.System)
            {
                system.Add(new TextBlockParam(text));
            }
            else if (message.Role == AuthorRole.Assistant)
            {
                messages.Add(new AssistantMessageParam(text));
            }
            else
            {
                messages.Add(new UserMessageParam(text));
            }
        }

        var request = new MessageCreateParams
        {
            Model = model,
            // The chain passes Semantic Kernel's common (OpenAI-named) settings; only the output limit applies here.
            MaxTokens = settings is OpenAIPromptExecutionSettings { MaxTokens: { } max } ? max : defaultMaxTokens,
            Messages = messages,
        };
        if (system.Count > 0)
        {
            // One breakpoint after the instructions: everything before it (tools, system) is the cached prefix.
            system[^1] = new TextBlockParam(system[^1].Text) { CacheControl = new CacheControlEphemeral() };
            request = request with { System = system };
        }

        return request;
    }
}

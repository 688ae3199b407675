using KnowledgeBase.Core.Answering;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;

namespace KnowledgeBase.Infrastructure.Answering.Llm;

/// <summary>
/// Turns a follow-up into a standalone search query with the primary model. Best effort: on any
/// failure, an open circuit or after <c>Llm:CondenseTimeoutSeconds</c>, the offline heuristic
/// condenses instead — a rougher search beats a late or failed answer.
/// </summary>
public sealed class LlmQueryCondenser(ChatProviderChain chain, IOptions<LlmOptions> options, TimeProvider time, ILogger<LlmQueryCondenser> logger) : IQueryCondenser
{
    private readonly HeuristicQueryCondenser offline = new();

    private const int MaxTurnLength = 1000;

    public async ValueTask<string> CondenseAsync(string question, IReadOnlyList<ChatTurn> history, CancellationToken cancellationToken)
    {
        if (history.Count == 0 || chain.Primary is not { } provider)
        {
            return question;
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(options.Value.CondenseTimeoutSeconds), time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            var chat = new ChatHistory();
            chat.AddSystemMessage(AnswerPrompt.Condense);
            var conversation = string.Join('\n', history.TakeLast(6).Select(t =>
                $"{(t.Role == ChatTurnRole.User ? "User" : "Assistant")}: {(t.Text.Length > MaxTurnLength ? t.Text[..MaxTurnLength] + "…" : t.Text)}"));
            chat.AddUserMessage($"<conversation>\n{conversation}\n</conversation>\n\n<follow-up>\n{question}\n</follow-up>");
            var settings = new OpenAIPromptExecutionSettings { MaxTokens = 100, Temperature = 0 };
            var reply = await provider.Pipeline.ExecuteAsync(
                async token => await provider.Service.GetChatMessageContentAsync(chat, settings, null, token), linked.Token);
            var query = reply.Content?.Trim().Trim('"').Trim();
            return string.IsNullOrWhiteSpace(query) || query.Length > AskRequest.MaxQuestionLength
                ? await offline.CondenseAsync(question, history, cancellationToken)
                : query;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogInformation("Condensing a follow-up with the model failed ({Reason}); using the offline heuristic", ModelFaults.Describe(e));
            return await offline.CondenseAsync(question, history, cancellationToken);
        }
    }
}

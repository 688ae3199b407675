using System.Text.Json;
using KnowledgeBase.Core.Answering;
using KnowledgeBase.Core.Caching;
using KnowledgeBase.Core.Retrieval;
using KnowledgeBase.Infrastructure.Answering;
using KnowledgeBase.Infrastructure.Answering.Llm;
using KnowledgeBase.Infrastructure.Embeddings;
using KnowledgeBase.Infrastructure.Guardrails;
using KnowledgeBase.Infrastructure.Retrieval;
using Microsoft.Extensions.Options;

namespace KnowledgeBase.Infrastructure.Caching;

/// <summary>
/// The scope key: everything besides the question that decides what the answer is. Only a request with the
/// identical key reads an entry; the key is a SQL predicate, never part of the embedded text. It covers the
/// collection, who asks (admins, API keys and people each their own, then the sorted set of effective groups),
/// the answerer (mode and model chain, prompt version, prompt budget), the retrieval settings, the guardrail
/// policy and the question's language.
/// </summary>
public sealed class CacheScopes(
    ChatProviderChain chain,
    IOptions<AnsweringOptions> answering,
    IOptions<RetrievalOptions> retrieval,
    IOptions<LlmOptions> llm,
    EmbeddingModel embedding,
    GuardrailService guardrails)
{
    private const string ApiKeyPrefix = "apikey:";

    private readonly Lazy<string> answerer = new(() => string.Join(
        '|',
        chain.Providers.Count == 0 ? AnswerGenerator.ExtractiveMode : string.Join('>', chain.Providers.Select(p => p.Model)),
        AnswerPrompt.Version,
        llm.Value.SourceTokens,
        answering.Value.TopK,
        embedding.Name,
        JsonSerializer.Serialize(retrieval.Value),
        guardrails.PolicyVersion));

    public string KeyFor(AccessScope scope, string? userId, string question)
    {
        var who = scope.SeesEverything ? "admin"
            : userId?.StartsWith(ApiKeyPrefix, StringComparison.Ordinal) == true ? "key"
            : "user";
        var groups = scope.SeesEverything ? "*" : string.Join('\n', scope.Groups.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        return QuestionText.Hash(string.Join('\u001f', "v1", scope.Collection ?? "*", who, groups, answerer.Value, QuestionLanguage.Of(question)));
    }
}

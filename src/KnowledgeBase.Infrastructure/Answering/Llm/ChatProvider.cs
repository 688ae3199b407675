using Microsoft.SemanticKernel.ChatCompletion;
using Polly;

namespace KnowledgeBase.Infrastructure.Answering.Llm;

/// <summary>One link of the fallback chain: the Semantic Kernel chat service, the resilience pipeline guarding it and its circuit.</summary>
public sealed record ChatProvider(LlmProviderOptions Options, IChatCompletionService Service, ResiliencePipeline Pipeline, ProviderCircuit Circuit)
{
    public string Model => Options.Model;
}

/// <summary>The configured chat models, primary first (empty: extractive answers only).</summary>
public sealed class ChatProviderChain(IReadOnlyList<ChatProvider> providers)
{
    public IReadOnlyList<ChatProvider> Providers => providers;

    public ChatProvider? Primary => providers.Count > 0 ? providers[0] : null;
}

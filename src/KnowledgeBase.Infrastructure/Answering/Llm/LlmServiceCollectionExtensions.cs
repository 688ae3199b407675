using System.Globalization;
using Anthropic;
using Anthropic.Core;
using KnowledgeBase.Core.Answering;
using KnowledgeBase.Infrastructure.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.AzureOpenAI;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using Polly;
using Polly.Registry;
using Polly.Retry;

namespace KnowledgeBase.Infrastructure.Answering.Llm;

public static class LlmServiceCollectionExtensions
{
    private const string HttpClientPrefix = "llm:";

    /// <summary>
    /// The chat models of <c>Llm:Providers</c> as Semantic Kernel chat services (keyed by provider
    /// name), each behind its own resilience pipeline, chained primary → fallbacks → extractive.
    /// </summary>
    public static IServiceCollection AddLlmAnswering(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LlmOptions>().Bind(configuration.GetSection(LlmOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<TelemetryOptions>().Bind(configuration.GetSection(TelemetryOptions.Section));

        var configured = configuration.GetSection(LlmOptions.Section).Get<LlmOptions>() ?? new LlmOptions();
        var capture = configuration.GetValue<bool>($"{TelemetryOptions.Section}:{nameof(TelemetryOptions.CaptureContent)}");

        // Semantic Kernel's own spans and metrics (sources Microsoft.SemanticKernel*), with content only when allowed.
        AppContext.SetSwitch("Microsoft.SemanticKernel.Experimental.GenAI.EnableOTelDiagnostics", true);
        AppContext.SetSwitch("Microsoft.SemanticKernel.Experimental.GenAI.EnableOTelDiagnosticsSensitive", capture);

        foreach (var provider in configured.Providers)
        {
            var key = provider.Key;
            // Our pipeline owns every timeout: the HttpClient must never cut a long stream short.
            // Its own log lines per request would only repeat the model span.
            services.AddHttpClient(HttpClientPrefix + key, client => client.Timeout = Timeout.InfiniteTimeSpan).RemoveAllLoggers();
            services.AddKeyedSingleton<IChatCompletionService>(key, (sp, _) => CreateService(sp, Current(sp, key)));
            services.AddKeyedSingleton(key, (sp, _) => CreateCircuit(sp, key));
            services.AddResiliencePipeline(HttpClientPrefix + key, (builder, context) =>
            {
                var sp = context.ServiceProvider;
                var options = sp.GetRequiredService<IOptions<LlmOptions>>().Value;
                Configure(builder, Current(sp, key), options.Resilience, sp.GetRequiredKeyedService<ProviderCircuit>(key), sp.GetRequiredService<TimeProvider>());
            });
        }

        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<LlmOptions>>().Value;
            if (!options.Enabled)
            {
                return new ChatProviderChain([]);
            }

            var pipelines = sp.GetRequiredService<ResiliencePipelineProvider<string>>();
            return new ChatProviderChain(options.Providers
                .Select(p => new ChatProvider(
                    p, sp.GetRequiredKeyedService<IChatCompletionService>(p.Key), pipelines.GetPipeline(HttpClientPrefix + p.Key), sp.GetRequiredKeyedService<ProviderCircuit>(p.Key)))
                .ToList());
        });
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<LlmOptions>>().Value;
            return new TiktokenCounter(options.Tokenizer, options.Providers.FirstOrDefault()?.Model ?? "gpt-4o");
        });
        services.AddSingleton(sp => new PromptBuilder(sp.GetRequiredService<TiktokenCounter>()));
        services.AddSingleton<AnswerGenerator>();

        if (configured.Enabled)
        {
            // Wins over the offline heuristic, which is registered with TryAdd.
            services.AddSingleton<IQueryCondenser, LlmQueryCondenser>();
        }

        return services;
    }

    private static LlmProviderOptions Current(IServiceProvider sp, string key) =>
        sp.GetRequiredService<IOptions<LlmOptions>>().Value.Providers.First(p => p.Key == key);

    private static IChatCompletionService CreateService(IServiceProvider sp, LlmProviderOptions provider)
    {
        var http = sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientPrefix + provider.Key);
        var logging = sp.GetService<ILoggerFactory>();
        return provider.Type switch
        {
            LlmProviderType.Anthropic => CreateAnthropic(provider, http, sp.GetRequiredService<IOptions<LlmOptions>>().Value.MaxOutputTokens),
            LlmProviderType.AzureOpenAI => new AzureOpenAIChatCompletionService(
                provider.Deployment ?? provider.Model, provider.Endpoint!.ToString(), provider.ApiKey ?? string.Empty, provider.Model, http, logging),
            // A custom base URL (Ollama, vLLM, LiteLLM) is marked experimental in Semantic Kernel; it is the documented way.
#pragma warning disable SKEXP0010
            _ => provider.Endpoint is { } endpoint
                ? new OpenAIChatCompletionService(provider.Model, endpoint, provider.ApiKey ?? "none", null, http, logging)
#pragma warning restore SKEXP0010
                : new OpenAIChatCompletionService(provider.Model, provider.ApiKey ?? string.Empty, null, http, logging),
        };
    }

    /// <summary>The key only from configuration (never the SDK's own environment lookup); no SDK retries or timeout: the pipeline owns both.</summary>
    private static AnthropicChatService CreateAnthropic(LlmProviderOptions provider, HttpClient http, int maxOutputTokens)
    {
        var client = new AnthropicClient(new ClientOptions
        {
            ApiKey = provider.ApiKey,
            HttpClient = http,
            MaxRetries = 0,
            Timeout = Timeout.InfiniteTimeSpan,
            BaseUrl = provider.Endpoint?.ToString().TrimEnd('/') ?? "https://api.anthropic.com",
        });
        return new AnthropicChatService(client, provider.Model, maxOutputTokens);
    }

    /// <summary>
    /// Outside in: bounded concurrency (the permit is held for the whole stream), a total timeout,
    /// retries with jitter or the provider's Retry-After (only while nothing reached the client and the
    /// first-token deadline leaves time for one; each begins with a notice to the reader), and the
    /// provider's circuit breaker, which every attempt reports to.
    /// </summary>
    private static void Configure(ResiliencePipelineBuilder builder, LlmProviderOptions provider, LlmResilienceOptions r, ProviderCircuit circuit, TimeProvider time)
    {
        builder.TimeProvider = time;
        builder.AddConcurrencyLimiter(provider.MaxConcurrency ?? r.MaxConcurrency, r.MaxQueue);
        builder.AddTimeout(TimeSpan.FromSeconds(r.TotalSeconds));
        if (r.MaxRetries > 0)
        {
            var maxRetryAfter = TimeSpan.FromSeconds(r.MaxRetryAfterSeconds);
            var firstDelay = TimeSpan.FromMilliseconds(r.RetryDelayMilliseconds);
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = r.MaxRetries,
                Delay = TimeSpan.FromMilliseconds(r.RetryDelayMilliseconds),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } e
                    && e is not OperationCanceledException
                    && ModelFaults.IsTransient(e)
                    && ModelFaults.RetryAfter(e, time.GetUtcNow()) is var retryAfter
                    && !(retryAfter > maxRetryAfter)
                    && !(args.Context.Properties.TryGetValue(StreamAttempt.Key, out var attempt)
                        && (attempt.Written || attempt.FirstTokenTimeLeft(time) <= (retryAfter ?? firstDelay)))),
                DelayGenerator = args => ValueTask.FromResult(ModelFaults.RetryAfter(args.Outcome.Exception, time.GetUtcNow())),
                OnRetry = args =>
                {
                    if (args.Context.Properties.TryGetValue(StreamAttempt.Key, out var attempt) && args.Outcome.Exception is { } e)
                    {
                        attempt.Notify?.Invoke(string.Create(CultureInfo.InvariantCulture,
                            $"The model {provider.Model} did not answer ({ModelFaults.Describe(e)}); trying again in {args.RetryDelay.TotalSeconds:0.#} s."));
                    }

                    return default;
                },
            });
        }

        builder.AddStrategy(_ => new ProviderCircuitStrategy(circuit, time));
    }

    /// <summary>The provider's breaker, reported as <c>kb.llm.circuit.state</c> from the start (closed) on.</summary>
    private static ProviderCircuit CreateCircuit(IServiceProvider sp, string key)
    {
        var provider = Current(sp, key);
        var circuit = new ProviderCircuit(
            key, sp.GetRequiredService<IOptions<LlmOptions>>().Value.Resilience, sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger<ProviderCircuit>());
        CircuitStateMetric.Set(provider, CircuitStateMetric.Closed);
        circuit.Changed += (_, state) => CircuitStateMetric.Set(provider, state switch
        {
            CircuitState.Open => CircuitStateMetric.Open,
            CircuitState.HalfOpen => CircuitStateMetric.HalfOpen,
            _ => CircuitStateMetric.Closed,
        });
        return circuit;
    }
}

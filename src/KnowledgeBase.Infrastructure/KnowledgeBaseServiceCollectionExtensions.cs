using KnowledgeBase.Core.Answering;
using KnowledgeBase.Core.Chunking;
using KnowledgeBase.Infrastructure.Answering;
using KnowledgeBase.Infrastructure.Answering.Llm;
using KnowledgeBase.Infrastructure.Caching;
using KnowledgeBase.Infrastructure.Conversations;
using KnowledgeBase.Infrastructure.Data;
using KnowledgeBase.Infrastructure.Documents;
using KnowledgeBase.Infrastructure.Embeddings;
using KnowledgeBase.Infrastructure.Grounding;
using KnowledgeBase.Infrastructure.Guardrails;
using KnowledgeBase.Infrastructure.Identity;
using KnowledgeBase.Infrastructure.Ingestion;
using KnowledgeBase.Infrastructure.Ingestion.Parsers;
using KnowledgeBase.Infrastructure.Ingestion.Queue;
using KnowledgeBase.Infrastructure.Library;
using KnowledgeBase.Infrastructure.Redis;
using KnowledgeBase.Infrastructure.Reports;
using KnowledgeBase.Infrastructure.Retrieval;
using KnowledgeBase.Infrastructure.Storage;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace KnowledgeBase.Infrastructure;

public static class KnowledgeBaseServiceCollectionExtensions
{
    /// <summary>Everything the hosts share: data, embeddings, ingestion, retrieval, answering, users.</summary>
    public static IServiceCollection AddKnowledgeBase(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddKnowledgeBaseData();

        services.AddOptions<ChunkingOptions>().Bind(configuration.GetSection(ChunkingOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AnsweringOptions>().Bind(configuration.GetSection(AnsweringOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<IngestionOptions>().Bind(configuration.GetSection(IngestionOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<WorkerOptions>().Bind(configuration.GetSection(WorkerOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RetrievalOptions>().Bind(configuration.GetSection(RetrievalOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IBlobStore, FileSystemBlobStore>();

        services.AddOptions<EmbeddingOptions>().Bind(configuration.GetSection(EmbeddingOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddEmbeddings();

        services.AddSingleton<IDocumentParser, PdfParser>();
        services.AddSingleton<IDocumentParser, DocxParser>();
        services.AddSingleton<IDocumentParser, MarkdownParser>();
        services.AddSingleton<IDocumentParser, HtmlParser>();
        services.AddSingleton<IDocumentParser, PlainTextParser>();
        services.AddSingleton(sp => new StructureAwareChunker(sp.GetRequiredService<ITokenCounter>(), sp.GetRequiredService<IOptions<ChunkingOptions>>().Value));
        services.AddSingleton<ParseStep>();
        services.AddSingleton<InjectionScreenStep>();
        services.AddSingleton<ChunkStep>();
        services.AddSingleton<EmbedStep>();
        services.AddSingleton<StoreStep>();
        services.AddScoped<DocumentService>();
        services.AddScoped<DocumentQueries>();
        services.AddSingleton<JobQueue>();
        services.AddSingleton<IngestionProcessor>();
        services.AddSingleton<IngestionWorker>();

        services.AddSingleton<CorpusStatistics>();
        services.AddSingleton<KeywordIndex>();
        services.AddSingleton<HybridRetriever>();
        services.AddSingleton<QueryEmbedder>();
        services.AddOptions<GroundingOptions>().Bind(configuration.GetSection(GroundingOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SentenceVectorCache>();
        services.AddSingleton<SentenceSupportScorer>();
        services.AddSingleton(sp => new ExtractiveAnswerer(sp.GetRequiredService<IOptions<AnsweringOptions>>().Value.Extractive));
        services.AddSingleton<ExtractiveAnswerService>();
        services.AddSingleton<CitationLocator>();
        services.AddSingleton<SourceSelector>();
        services.AddSingleton<Telemetry.CollectionLabels>();
        services.AddOptions<GuardrailOptions>().Bind(configuration.GetSection(GuardrailOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<GuardrailOptions>, GuardrailOptionsValidator>();
        services.AddSingleton<GroundednessCheck>();
        services.AddSingleton<GuardrailService>();
        services.AddLlmAnswering(configuration);
        services.AddOptions<CacheOptions>().Bind(configuration.GetSection(CacheOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<CacheScopes>();
        services.AddSingleton<AnswerCache>();
        services.AddSingleton<AskService>();

        // TryAdd: a condenser registered before this (the LLM one, when configured) is kept.
        services.TryAddSingleton<IQueryCondenser, HeuristicQueryCondenser>();
        services.AddOptions<BudgetOptions>().Bind(configuration.GetSection(BudgetOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<DailyTokenBudget>();
        services.AddScoped<ConversationService>();
        services.AddScoped<StoredAnswerAccess>();
        services.AddOptions<AnswerRecoveryOptions>().Bind(configuration.GetSection(AnswerRecoveryOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<AnswerOutbox>();
        services.AddScoped<UnansweredQuestions>();
        services.AddScoped<UsageReport>();
        services.AddScoped<FeedbackReport>();
        services.AddScoped<LibraryOverview>();
        services.AddScoped<GuardrailReport>();

        services.AddKnowledgeBaseIdentity(configuration);
        services.AddKnowledgeBaseRedis(configuration);
        return services;
    }

    /// <summary>Runs the ingestion workers in this host (the Api unless <c>Workers:Enabled=false</c>; always in KnowledgeBase.Worker).</summary>
    public static IServiceCollection AddIngestionWorkers(this IServiceCollection services) =>
        services.AddHostedService(sp => sp.GetRequiredService<IngestionWorker>()).AddHostedService<Telemetry.WorkerGauge>();

    /// <summary>Runs the answer outbox (answers stored once the database is back, abandoned questions closed): hosts that answer.</summary>
    public static IServiceCollection AddAnswerRecovery(this IServiceCollection services) =>
        services.AddHostedService(sp => sp.GetRequiredService<AnswerOutbox>());
}

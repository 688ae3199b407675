using System.ClientModel;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenAI;
using OpenAI.Embeddings;

namespace KnowledgeBase.Infrastructure.Embeddings;

public static class EmbeddingServiceCollectionExtensions
{
    /// <summary>The configured embedding model behind the Microsoft.Extensions.AI abstraction; every caller sees only that.</summary>
    public static IServiceCollection AddEmbeddings(this IServiceCollection services)
    {
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<EmbeddingOptions>>().Value;
            return options.Provider == EmbeddingProvider.InProcess
                ? EmbeddingModels.ByName(options.Model)
                : EmbeddingModels.Remote(options.Model, options.Dimensions, options.QueryPrefix);
        });
        services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<EmbeddingOptions>>().Value;
            var model = sp.GetRequiredService<EmbeddingModel>();
            if (options.Provider == EmbeddingProvider.InProcess)
            {
                return new InProcessEmbeddingGenerator(model);
            }

            var client = new EmbeddingClient(
                options.Model,
                new ApiKeyCredential(options.ApiKey ?? "none"),
                new OpenAIClientOptions { Endpoint = options.Endpoint });
            return client.AsIEmbeddingGenerator(options.Dimensions)
                .AsBuilder()
                // Always ask for the column's size: models such as text-embedding-3 shorten on request.
                .ConfigureOptions(o => o.Dimensions ??= options.Dimensions)
                .UseOpenTelemetry(sourceName: Telemetry.KnowledgeBaseTelemetry.Name)
                .Build(sp);
        });
        services.AddSingleton<Core.Chunking.ITokenCounter>(sp => new ModelTokenCounter(sp.GetRequiredService<EmbeddingModel>()));
        return services;
    }
}

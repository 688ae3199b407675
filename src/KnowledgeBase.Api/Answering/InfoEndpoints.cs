using KnowledgeBase.Core.Documents;
using KnowledgeBase.Infrastructure.Answering;
using KnowledgeBase.Infrastructure.Data;
using KnowledgeBase.Infrastructure.Embeddings;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Api.Answering;

public static class InfoEndpoints
{
    public sealed record Info(string AnswerMode, string Model, string EmbeddingModel, int Documents);

    public static void MapInfoEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/info", async (KnowledgeBaseDbContext db, EmbeddingModel embeddingModel, CancellationToken cancellationToken) =>
            TypedResults.Ok(new Info(
                AskService.ExtractiveMode,
                AskService.ExtractiveMode,
                embeddingModel.Name,
                await db.Documents.CountAsync(d => d.Status == DocumentStatus.Ready, cancellationToken))))
        .WithTags("Answering");
}

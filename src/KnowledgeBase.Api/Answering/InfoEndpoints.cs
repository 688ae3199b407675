using System.Security.Claims;
using KnowledgeBase.Api.Identity;
using KnowledgeBase.Infrastructure.Answering.Llm;
using KnowledgeBase.Infrastructure.Data;
using KnowledgeBase.Infrastructure.Documents;
using KnowledgeBase.Infrastructure.Embeddings;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Api.Answering;

public static class InfoEndpoints
{
    public sealed record Info(string AnswerMode, string Model, string EmbeddingModel, int Documents);

    public static void MapInfoEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/info", async (ClaimsPrincipal user, KnowledgeBaseDbContext db, EmbeddingModel embeddingModel, AnswerGenerator generator, CancellationToken cancellationToken) =>
        {
            // Only documents this user can read: even a count must not reveal what others may see.
            var documents = await db.Documents.ReadableBy(user.ToAccessScope()).CountAsync(d => d.Status == DocumentStatus.Ready, cancellationToken);
            return TypedResults.Ok(new Info(generator.Mode, generator.Model, embeddingModel.Name, documents));
        })
        .WithTags("Answering")
        .RequireAuthorization(Policies.Person);
}

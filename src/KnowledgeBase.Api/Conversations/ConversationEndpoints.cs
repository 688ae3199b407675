using System.Security.Claims;
using KnowledgeBase.Api.BadInput;
using KnowledgeBase.Api.Identity;
using KnowledgeBase.Core.Answering;
using KnowledgeBase.Infrastructure.Conversations;
using KnowledgeBase.Infrastructure.Data;
using KnowledgeBase.Infrastructure.Telemetry;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Api.Conversations;

/// <summary>A user's own conversations. Someone else's conversation is a 404 like a missing one: its existence is not revealed.</summary>
public static class ConversationEndpoints
{
    public sealed record ConversationSummary(Guid Id, string Title, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int MessageCount);

    public sealed record FeedbackView(string Rating, string? Comment);

    /// <summary>
    /// <c>status</c> (completed, failed, cancelled) and <c>error</c> say how an answer ended; <c>guardrails</c> what the
    /// guardrails did to it (the same events the stream carried: redaction markers, flagged sentences, a block).
    /// </summary>
    public sealed record MessageView(
        Guid Id, string Role, string Text, IReadOnlyList<Citation> Citations, IReadOnlyList<int> CitedNumbers, string? Model, string? Mode,
        bool FallbackUsed, TokenUsage Usage, decimal Cost, long LatencyMs, DateTimeOffset CreatedAt, string Status, string? Error, FeedbackView? Feedback,
        IReadOnlyList<GuardrailEvent> Guardrails);

    public sealed record ConversationView(Guid Id, string Title, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, IReadOnlyList<MessageView> Messages);

    public sealed record FeedbackRequest(string? Rating, string? Comment);

    public sealed record RenameRequest(string? Title);

    private const int MaxSearchLength = 200;

    public static void MapConversationEndpoints(this IEndpointRouteBuilder app)
    {
        var conversations = app.MapGroup("/api/conversations").WithTags("Conversations").RequireAuthorization();
        conversations.MapGet("/", ListAsync).ProducesProblem(StatusCodes.Status400BadRequest);
        conversations.MapGet("/{id:guid}", GetAsync).ProducesProblem(StatusCodes.Status404NotFound);
        conversations.MapPatch("/{id:guid}", RenameAsync).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        conversations.MapDelete("/{id:guid}", DeleteAsync).ProducesProblem(StatusCodes.Status404NotFound);
        app.MapPut("/api/messages/{id:guid}/feedback", RateAsync).WithTags("Conversations").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <summary>Newest first; <paramref name="q"/> keeps those whose title or visible messages contain it (case-insensitive).</summary>
    private static async Task<Results<Ok<List<ConversationSummary>>, ProblemHttpResult>> ListAsync(
        string? q, ClaimsPrincipal user, KnowledgeBaseDbContext db, CancellationToken cancellationToken)
    {
        if (TextInput.Problem("q", q, MaxSearchLength, allowEmpty: true) is { } problem)
        {
            return TextInput.BadRequest(problem);
        }

        var userId = user.ToAsker().UserId;
        var conversations = db.Conversations.AsNoTracking().Where(c => c.UserId == userId && c.DeletedAt == null);
        if (!string.IsNullOrWhiteSpace(q))
        {
            var pattern = $"%{TextInput.EscapeLike(q.Trim())}%";
            conversations = conversations.Where(c => EF.Functions.ILike(c.Title, pattern)
                || db.Messages.Any(m => m.ConversationId == c.Id && m.UserId == userId && m.SupersededAt == null && EF.Functions.ILike(m.Text, pattern)));
        }

        var list = await Summaries(conversations.OrderByDescending(c => c.UpdatedAt), db).ToListAsync(cancellationToken);
        return TypedResults.Ok(list);
    }

    private static async Task<Results<Ok<ConversationSummary>, ProblemHttpResult>> RenameAsync(
        Guid id, RenameRequest request, ClaimsPrincipal user, KnowledgeBaseDbContext db, CancellationToken cancellationToken)
    {
        if (TextInput.Problem("title", request.Title, Conversation.MaxTitleLength) is { } problem)
        {
            return TextInput.BadRequest(problem);
        }

        var userId = user.ToAsker().UserId;
        var title = request.Title!.Trim();
        var renamed = await db.Conversations
            .Where(c => c.Id == id && c.UserId == userId && c.DeletedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Title, title), cancellationToken);
        if (renamed == 0)
        {
            return NotFound(id);
        }

        return TypedResults.Ok(await Summaries(db.Conversations.AsNoTracking().Where(c => c.Id == id), db).FirstAsync(cancellationToken));
    }

    private static IQueryable<ConversationSummary> Summaries(IQueryable<Conversation> conversations, KnowledgeBaseDbContext db) =>
        conversations.Select(c => new ConversationSummary(
            c.Id, c.Title, c.CreatedAt, c.UpdatedAt, db.Messages.Count(m => m.ConversationId == c.Id && m.SupersededAt == null)));

    /// <summary>The conversation as the user may see it now: sources they lost access to are "no longer available".</summary>
    private static async Task<Results<Ok<ConversationView>, ProblemHttpResult>> GetAsync(
        Guid id, ClaimsPrincipal user, KnowledgeBaseDbContext db, StoredAnswerAccess storedAnswers, CancellationToken cancellationToken)
    {
        var userId = user.ToAsker().UserId;
        var conversation = await db.Conversations.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id && c.UserId == userId && c.DeletedAt == null, cancellationToken);
        if (conversation is null)
        {
            return NotFound(id);
        }

        var messages = await (
            from m in db.Messages.AsNoTracking()
            where m.ConversationId == id && m.SupersededAt == null
            from f in db.Feedback.Where(f => f.MessageId == m.Id).DefaultIfEmpty()
            orderby m.CreatedAt, m.Id
            select new { Message = m, Feedback = f })
            .ToListAsync(cancellationToken);
        var visible = await storedAnswers.ViewAsync(messages.Select(x => x.Message).ToList(), user.ToAccessScope(), cancellationToken);
        var ids = messages.Select(x => x.Message.Id).ToList();
        var guardrails = (await db.GuardrailEvents.AsNoTracking().Where(g => g.MessageId != null && ids.Contains(g.MessageId.Value)).OrderBy(g => g.Id).ToListAsync(cancellationToken))
            .ToLookup(g => g.MessageId!.Value, g => g.ToEvent());
        return TypedResults.Ok(new ConversationView(
            conversation.Id, conversation.Title, conversation.CreatedAt, conversation.UpdatedAt,
            messages.Select(x => View(x.Message, visible[x.Message.Id], x.Feedback, [.. guardrails[x.Message.Id]])).ToList()));
    }

    /// <summary>Erases the conversation's content; the usage records stay for the reports and the daily budget.</summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        Guid id, ClaimsPrincipal user, KnowledgeBaseDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var userId = user.ToAsker().UserId;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var deleted = await db.Conversations
            .Where(c => c.Id == id && c.UserId == userId && c.DeletedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.DeletedAt, time.GetUtcNow()).SetProperty(c => c.Title, string.Empty), cancellationToken);
        if (deleted == 0)
        {
            return NotFound(id);
        }

        IReadOnlyList<Citation> none = [];
        await db.Messages.Where(m => m.ConversationId == id)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Text, string.Empty).SetProperty(m => m.Citations, none), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RateAsync(
        Guid id, FeedbackRequest request, ClaimsPrincipal user, KnowledgeBaseDbContext db, LangfuseScores scores, TimeProvider time, CancellationToken cancellationToken)
    {
        if (ParseRating(request.Rating) is not { } rating)
        {
            return BadFeedback("The rating must be \"up\" or \"down\".");
        }

        var comment = string.IsNullOrWhiteSpace(request.Comment) ? null : request.Comment.Trim();
        if (comment?.Length > MessageFeedback.MaxCommentLength)
        {
            return BadFeedback($"The comment is too long ({comment.Length} characters; at most {MessageFeedback.MaxCommentLength}).");
        }

        var userId = user.ToAsker().UserId;
        var message = await (
            from m in db.Messages
            join c in db.Conversations on m.ConversationId equals c.Id
            where m.Id == id && c.UserId == userId && c.DeletedAt == null
            select new { m.Role, m.Status })
            .SingleOrDefaultAsync(cancellationToken);
        if (message is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Message not found", detail: $"There is no message {id}.");
        }

        if (message.Role != MessageRole.Assistant)
        {
            return BadFeedback("Only answers can be rated, not questions.");
        }

        // One statement, so two ratings at once cannot both insert; a re-rating replaces the earlier one.
        var now = time.GetUtcNow();
        var ratingText = rating.ToString().ToLowerInvariant();
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO message_feedback (message_id, rating, comment, created_at, updated_at)
            VALUES ({id}, {ratingText}, {comment}, {now}, {now})
            ON CONFLICT (message_id) DO UPDATE SET rating = excluded.rating, comment = excluded.comment, updated_at = excluded.updated_at
            """,
            cancellationToken);
        // In the background: Langfuse being slow or down never holds up the rating.
        scores.Enqueue(new FeedbackScore(id, rating == Rating.Up, comment));
        return TypedResults.NoContent();
    }

    public static Rating? ParseRating(string? rating) => rating switch
    {
        "up" => Rating.Up,
        "down" => Rating.Down,
        _ => null,
    };

    // A withheld answer's text is a fixed notice: its guardrail markers (offsets into the original text) go with it.
    private static MessageView View(Message m, StoredAnswerAccess.View visible, MessageFeedback? f, IReadOnlyList<GuardrailEvent> guardrails) => new(
        m.Id, m.Role == MessageRole.User ? "user" : "assistant", visible.Text, visible.Citations, m.CitedNumbers, m.Model, m.Mode, m.FallbackUsed,
        new TokenUsage(m.InputTokens, m.OutputTokens), m.Cost, m.LatencyMs, m.CreatedAt, m.Status.ToString().ToLowerInvariant(), m.Error,
        f is null ? null : new FeedbackView(f.Rating == Rating.Up ? "up" : "down", f.Comment), visible.Withheld ? [] : guardrails);

    private static ProblemHttpResult NotFound(Guid id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Conversation not found", detail: $"There is no conversation {id}.");

    private static ProblemHttpResult BadFeedback(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad feedback", detail: detail);
}

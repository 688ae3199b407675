using KnowledgeBase.Core.Answering;
using KnowledgeBase.Infrastructure.Conversations;
using KnowledgeBase.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Infrastructure.Reports;

/// <summary>One rating with the question and answer it judges; <c>CreatedAt</c> is when the current rating was given.</summary>
public sealed record FeedbackItem(
    Guid MessageId, Guid ConversationId, string UserId, string User, string Question, string Answer, string? Model,
    string Rating, string? Comment, DateTimeOffset CreatedAt);

/// <summary>Which ratings to list: one kind, and those given in [<c>From</c>, <c>Until</c>).</summary>
public sealed record FeedbackFilter(Rating? Rating = null, DateTimeOffset? From = null, DateTimeOffset? Until = null);

/// <summary>A rated answer in its conversation turn: the question, the answer and the sources it was given.</summary>
public sealed record FeedbackTurn(
    Guid MessageId, Guid ConversationId, string ConversationTitle, string UserId, string User, string Question, string Answer,
    IReadOnlyList<Citation> Citations, IReadOnlyList<int> CitedNumbers, string? Model, string? Mode, string Status,
    string Rating, string? Comment, DateTimeOffset AnsweredAt, DateTimeOffset RatedAt);

public sealed class FeedbackReport(KnowledgeBaseDbContext db)
{
    /// <summary>Newest first; page it, count it, or stream it.</summary>
    public IQueryable<FeedbackItem> Query(FeedbackFilter filter) =>
        from f in db.Feedback.AsNoTracking()
        join a in db.Messages on f.MessageId equals a.Id
        join c in db.Conversations on a.ConversationId equals c.Id
        from q in db.Messages.Where(q => q.Id == a.ReplyToId).DefaultIfEmpty()
        where (filter.Rating == null || f.Rating == filter.Rating)
            && (filter.From == null || f.UpdatedAt >= filter.From)
            && (filter.Until == null || f.UpdatedAt < filter.Until)
        orderby f.UpdatedAt descending, f.MessageId
        select new FeedbackItem(
            f.MessageId, a.ConversationId, a.UserId, c.UserName, q == null ? string.Empty : q.Text, a.Text, a.Model,
            f.Rating == Rating.Up ? "up" : "down", f.Comment, f.UpdatedAt);

    /// <summary>The rated answer <paramref name="messageId"/> with its question and sources; null unless it was rated.</summary>
    public async Task<FeedbackTurn?> TurnAsync(Guid messageId, CancellationToken cancellationToken)
    {
        var row = await (
            from f in db.Feedback.AsNoTracking()
            join a in db.Messages on f.MessageId equals a.Id
            join c in db.Conversations on a.ConversationId equals c.Id
            from q in db.Messages.Where(q => q.Id == a.ReplyToId).DefaultIfEmpty()
            where f.MessageId == messageId
            select new { Answer = a, Question = q == null ? string.Empty : q.Text, c.Title, c.UserName, f.Rating, f.Comment, f.UpdatedAt })
            .FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        var answer = row.Answer;
        return new FeedbackTurn(
            answer.Id, answer.ConversationId, row.Title, answer.UserId, row.UserName, row.Question, answer.Text, answer.Citations, answer.CitedNumbers,
            answer.Model, answer.Mode, answer.Status.ToString().ToLowerInvariant(), row.Rating == Rating.Up ? "up" : "down", row.Comment,
            answer.CreatedAt, row.UpdatedAt);
    }
}

using KnowledgeBase.Infrastructure.Conversations;
using KnowledgeBase.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Infrastructure.Reports;

/// <summary>One rating with the question and answer it judges; <c>CreatedAt</c> is when the current rating was given.</summary>
public sealed record FeedbackItem(
    Guid MessageId, Guid ConversationId, string UserId, string User, string Question, string Answer, string? Model,
    string Rating, string? Comment, DateTimeOffset CreatedAt);

public sealed class FeedbackReport(KnowledgeBaseDbContext db)
{
    /// <summary>Newest first, optionally only one rating; streamed.</summary>
    public IAsyncEnumerable<FeedbackItem> ListAsync(Rating? rating) =>
        (from f in db.Feedback.AsNoTracking()
         join a in db.Messages on f.MessageId equals a.Id
         join c in db.Conversations on a.ConversationId equals c.Id
         from q in db.Messages.Where(q => q.Id == a.ReplyToId).DefaultIfEmpty()
         where rating == null || f.Rating == rating
         orderby f.UpdatedAt descending
         select new FeedbackItem(
             f.MessageId, a.ConversationId, a.UserId, c.UserName, q == null ? string.Empty : q.Text, a.Text, a.Model,
             f.Rating == Rating.Up ? "up" : "down", f.Comment, f.UpdatedAt))
        .AsAsyncEnumerable();
}

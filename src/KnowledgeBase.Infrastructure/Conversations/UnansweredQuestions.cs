using KnowledgeBase.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KnowledgeBase.Infrastructure.Conversations;

/// <summary>
/// Closes questions that never got an answer row (the process answering them crashed, or lost the answer) with a
/// failed answer, so every question ends with a terminal row and a conversation never shows one hanging.
/// </summary>
public sealed class UnansweredQuestions(KnowledgeBaseDbContext db, IOptions<AnswerRecoveryOptions> options, TimeProvider time)
{
    /// <summary>The failed answer's error; the outbox replaces such a row if the real answer turns up after all.</summary>
    public const string Reason = "The answer was interrupted (the server restarted or lost its database); please ask again.";

    private const int Batch = 500;

    /// <summary>Questions older than this are not looked at again: earlier sweeps closed them.</summary>
    private static readonly TimeSpan Horizon = TimeSpan.FromDays(7);

    /// <summary>Closes up to a batch of abandoned questions; returns how many.</summary>
    public async Task<int> CloseAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var before = now - TimeSpan.FromSeconds(options.Value.UnansweredAfterSeconds);
        var since = before - Horizon;
        var abandoned = await db.Messages.AsNoTracking()
            .Where(q => q.Role == MessageRole.User && q.CreatedAt < before && q.CreatedAt > since && !db.Messages.Any(a => a.ReplyToId == q.Id))
            .Select(q => new { q.Id, q.ConversationId, q.UserId, q.Collection })
            .Take(Batch)
            .ToListAsync(cancellationToken);
        foreach (var q in abandoned)
        {
            db.Messages.Add(new Message
            {
                Id = Guid.CreateVersion7(now),
                ConversationId = q.ConversationId,
                UserId = q.UserId,
                Role = MessageRole.Assistant,
                Text = string.Empty,
                ReplyToId = q.Id,
                Collection = q.Collection,
                Status = MessageStatus.Failed,
                Error = Reason,
                CreatedAt = now,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
        return abandoned.Count;
    }
}

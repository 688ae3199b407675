using System.Globalization;
using KnowledgeBase.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KnowledgeBase.Infrastructure.Conversations;

/// <summary>
/// Each user's daily allowance of model tokens, counted from the answers stored since midnight UTC
/// (so it holds across API replicas and restarts without a separate counter).
/// </summary>
public sealed class DailyTokenBudget(KnowledgeBaseDbContext db, IOptions<BudgetOptions> options, TimeProvider time)
{
    /// <summary>Null while the user may ask; otherwise why not and until when.</summary>
    public async Task<AskRefusal?> CheckAsync(string userId, CancellationToken cancellationToken)
    {
        var limit = options.Value.DailyTokensPerUser;
        if (limit == 0)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var midnight = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var spent = await db.Messages
            .Where(m => m.UserId == userId && m.CreatedAt >= midnight)
            .SumAsync(m => (long)m.InputTokens + m.OutputTokens, cancellationToken);
        if (spent < limit)
        {
            return null;
        }

        var resetsIn = midnight.AddDays(1) - now;
        return new AskRefusal(
            AskRefusalKind.BudgetSpent,
            string.Create(CultureInfo.InvariantCulture,
                $"You have used your daily budget of {limit:N0} tokens ({spent:N0} used today). It renews at midnight UTC, in {(int)resetsIn.TotalHours} h {resetsIn.Minutes} min."),
            resetsIn);
    }
}

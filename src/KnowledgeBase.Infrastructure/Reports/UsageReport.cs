using KnowledgeBase.Infrastructure.Conversations;
using KnowledgeBase.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace KnowledgeBase.Infrastructure.Reports;

/// <summary><see cref="CacheHits"/>: answers served from the answer cache; <see cref="CostSaved"/>: what they cost when first written.</summary>
public sealed record UsageFigures(long Questions, long InputTokens, long OutputTokens, decimal Cost, long CacheHits = 0, decimal CostSaved = 0m)
{
    public static UsageFigures Zero { get; } = new(0, 0, 0, 0m);

    /// <summary>Share of the questions answered from the cache (0 when there were none).</summary>
    public double CacheHitRate => Questions == 0 ? 0 : (double)CacheHits / Questions;
}

public sealed record DayUsage(DateOnly Day, long Questions, long InputTokens, long OutputTokens, decimal Cost, long CacheHits = 0, decimal CostSaved = 0m)
{
    public double CacheHitRate => Questions == 0 ? 0 : (double)CacheHits / Questions;
}

public sealed record ModelUsage(string? Model, long Questions, long InputTokens, long OutputTokens, decimal Cost);

public sealed record UserUsage(string UserId, string User, long Questions, long InputTokens, long OutputTokens, decimal Cost);

public sealed record CollectionUsage(string? Collection, long Questions, long InputTokens, long OutputTokens, decimal Cost);

public sealed record UsageSummary(
    DateOnly From, DateOnly To, UsageFigures Totals, IReadOnlyList<DayUsage> ByDay, IReadOnlyList<ModelUsage> ByModel,
    IReadOnlyList<UserUsage> ByUser, IReadOnlyList<CollectionUsage> ByCollection);

/// <summary>One answer as the usage CSV lists it.</summary>
public sealed record AnswerUsage(
    DateTimeOffset CreatedAt, string UserId, string User, Guid ConversationId, Guid MessageId, string? Collection, string? Mode,
    string? Model, bool FallbackUsed, string Status, int InputTokens, int OutputTokens, decimal Cost, long LatencyMs, bool CacheHit = false, decimal CostSaved = 0m);

/// <summary>
/// What answering used and cost over whole UTC days (<c>from</c> and <c>to</c> inclusive), counted from the
/// stored answers (failed and cancelled ones included: they were asked, and may have used tokens).
/// </summary>
public sealed class UsageReport(NpgsqlDataSource dataSource, KnowledgeBaseDbContext db)
{
    // One scan, every breakdown: GROUPING(...) tells which grouping set a row belongs to (bit = 1: not grouped by it).
    private const string SummarySql = """
        SELECT GROUPING(a.day, a.model, a.user_id, a.collection) AS grouping_set,
               a.day, a.model, a.user_id, max(a.user_name) AS user_name, a.collection,
               count(*) AS questions, coalesce(sum(a.input_tokens), 0) AS input_tokens,
               coalesce(sum(a.output_tokens), 0) AS output_tokens, coalesce(sum(a.cost), 0) AS cost,
               count(*) FILTER (WHERE a.cache_hit) AS cache_hits, coalesce(sum(a.cost_saved), 0) AS cost_saved
        FROM (
            SELECT (m.created_at AT TIME ZONE 'UTC')::date AS day, m.model, m.user_id, c.user_name, m.collection,
                   m.input_tokens, m.output_tokens, m.cost, m.cache_hit, m.cost_saved
            FROM messages m JOIN conversations c ON c.id = m.conversation_id
            WHERE m.role = 'assistant' AND m.created_at >= @from AND m.created_at < @to
        ) a
        GROUP BY GROUPING SETS ((), (a.day), (a.model), (a.user_id), (a.collection))
        """;

    private const int ByDay = 0b0111, ByModel = 0b1011, ByUser = 0b1101, ByCollection = 0b1110, Total = 0b1111;

    public async Task<UsageSummary> SummarizeAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(SummarySql);
        command.Parameters.AddWithValue("from", Start(from));
        command.Parameters.AddWithValue("to", Start(to.AddDays(1)));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);

        var totals = UsageFigures.Zero;
        var days = new List<DayUsage>();
        var models = new List<ModelUsage>();
        var users = new List<UserUsage>();
        var collections = new List<CollectionUsage>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var figures = new UsageFigures(reader.GetInt64(6), reader.GetInt64(7), reader.GetInt64(8), reader.GetDecimal(9), reader.GetInt64(10), reader.GetDecimal(11));
            string? Text(int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
            switch (reader.GetInt32(0))
            {
                case Total:
                    totals = figures;
                    break;
                case ByDay:
                    days.Add(new DayUsage(DateOnly.FromDateTime(reader.GetDateTime(1)), figures.Questions, figures.InputTokens, figures.OutputTokens, figures.Cost, figures.CacheHits, figures.CostSaved));
                    break;
                case ByModel:
                    models.Add(new ModelUsage(Text(2), figures.Questions, figures.InputTokens, figures.OutputTokens, figures.Cost));
                    break;
                case ByUser:
                    users.Add(new UserUsage(reader.GetString(3), Text(4) ?? reader.GetString(3), figures.Questions, figures.InputTokens, figures.OutputTokens, figures.Cost));
                    break;
                case ByCollection:
                    collections.Add(new CollectionUsage(Text(5), figures.Questions, figures.InputTokens, figures.OutputTokens, figures.Cost));
                    break;
            }
        }

        return new UsageSummary(
            from, to, totals,
            [.. days.OrderBy(d => d.Day)],
            [.. models.OrderByDescending(m => m.Cost).ThenByDescending(m => m.Questions)],
            [.. users.OrderByDescending(u => u.Cost).ThenByDescending(u => u.Questions)],
            [.. collections.OrderByDescending(c => c.Questions)]);
    }

    /// <summary>Every answer in the range, oldest first, streamed (the CSV export).</summary>
    public IAsyncEnumerable<AnswerUsage> AnswersAsync(DateOnly from, DateOnly to)
    {
        var start = Start(from);
        var end = Start(to.AddDays(1));
        return (from m in db.Messages.AsNoTracking()
                join c in db.Conversations on m.ConversationId equals c.Id
                where m.Role == MessageRole.Assistant && m.CreatedAt >= start && m.CreatedAt < end
                orderby m.CreatedAt
                select new AnswerUsage(
                    m.CreatedAt, m.UserId, c.UserName, m.ConversationId, m.Id, m.Collection, m.Mode, m.Model, m.FallbackUsed,
                    m.Status == MessageStatus.Completed ? "completed" : m.Status == MessageStatus.Failed ? "failed" : "cancelled",
                    m.InputTokens, m.OutputTokens, m.Cost, m.LatencyMs, m.CacheHit, m.CostSaved))
            .AsAsyncEnumerable();
    }

    private static DateTimeOffset Start(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}

using Npgsql;

namespace KnowledgeBase.Infrastructure.Guardrails;

public sealed record GuardrailCount(string Rule, string Action, long Count);

public sealed record GuardrailDayCount(DateOnly Day, string Rule, string Action, long Count);

public sealed record GuardrailSummary(DateOnly From, DateOnly To, long Total, IReadOnlyList<GuardrailCount> ByRule, IReadOnlyList<GuardrailDayCount> ByDay);

/// <summary>How often each guardrail acted, by rule and action and by UTC day (<c>from</c> and <c>to</c> inclusive), for the admin screen.</summary>
public sealed class GuardrailReport(NpgsqlDataSource dataSource)
{
    private const string ByDaySql = """
        SELECT (created_at AT TIME ZONE 'UTC')::date AS day, rule, action, count(*) AS n
        FROM guardrail_events
        WHERE created_at >= @from AND created_at < @to
        GROUP BY 1, 2, 3
        ORDER BY 1, 2, 3
        """;

    public async Task<GuardrailSummary> SummarizeAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(ByDaySql);
        command.Parameters.AddWithValue("from", new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
        command.Parameters.AddWithValue("to", new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var byDay = new List<GuardrailDayCount>();
        while (await reader.ReadAsync(cancellationToken))
        {
            byDay.Add(new GuardrailDayCount(DateOnly.FromDateTime(reader.GetDateTime(0)), reader.GetString(1), reader.GetString(2), reader.GetInt64(3)));
        }

        var byRule = byDay.GroupBy(d => (d.Rule, d.Action))
            .Select(g => new GuardrailCount(g.Key.Rule, g.Key.Action, g.Sum(d => d.Count)))
            .OrderByDescending(c => c.Count).ThenBy(c => c.Rule, StringComparer.Ordinal)
            .ToList();
        return new GuardrailSummary(from, to, byDay.Sum(d => d.Count), byRule, byDay);
    }
}

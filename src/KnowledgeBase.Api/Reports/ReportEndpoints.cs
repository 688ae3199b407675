using System.Text;
using KnowledgeBase.Api.BadInput;
using KnowledgeBase.Api.Conversations;
using KnowledgeBase.Api.Identity;
using KnowledgeBase.Core.Reporting;
using KnowledgeBase.Infrastructure.Guardrails;
using KnowledgeBase.Infrastructure.Reports;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Api.Reports;

/// <summary>Usage, cost and feedback for admins, as JSON for the admin pages and CSV for spreadsheets.</summary>
public static class ReportEndpoints
{
    /// <summary>The default report range: the last 30 UTC days, today included.</summary>
    private const int DefaultDays = 30;

    private const int MaxDays = 366;

    /// <summary>One JSON answer holds at most this many ratings (the CSV has them all).</summary>
    private const int MaxFeedbackItems = 1000;

    public static void MapReportEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin").WithTags("Reports").RequireAuthorization(AuthenticationSetup.AdminPolicy);
        admin.MapGet("/usage", UsageAsync).ProducesProblem(StatusCodes.Status400BadRequest);
        admin.MapGet("/usage.csv", UsageCsv).Produces(StatusCodes.Status200OK, contentType: "text/csv").ProducesProblem(StatusCodes.Status400BadRequest);
        admin.MapGet("/feedback", FeedbackAsync).ProducesProblem(StatusCodes.Status400BadRequest);
        admin.MapGet("/feedback/{messageId:guid}", FeedbackTurnAsync).ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapGet("/feedback.csv", FeedbackCsv).Produces(StatusCodes.Status200OK, contentType: "text/csv").ProducesProblem(StatusCodes.Status400BadRequest);
        admin.MapGet("/guardrails", GuardrailsAsync).ProducesProblem(StatusCodes.Status400BadRequest);
    }

    /// <summary>How often each guardrail acted, by rule and action and by day (never the text it acted on).</summary>
    private static async Task<Results<Ok<GuardrailSummary>, ProblemHttpResult>> GuardrailsAsync(
        DateOnly? from, DateOnly? to, GuardrailReport report, TimeProvider time, CancellationToken cancellationToken)
    {
        if (Range(from, to, time) is not ({ } start, { } end, null))
        {
            return BadRange(from, to, time);
        }

        return TypedResults.Ok(await report.SummarizeAsync(start, end, cancellationToken));
    }

    private static async Task<Results<Ok<UsageSummary>, ProblemHttpResult>> UsageAsync(
        DateOnly? from, DateOnly? to, UsageReport report, TimeProvider time, CancellationToken cancellationToken)
    {
        if (Range(from, to, time) is not ({ } start, { } end, null))
        {
            return BadRange(from, to, time);
        }

        return TypedResults.Ok(await report.SummarizeAsync(start, end, cancellationToken));
    }

    private static IResult UsageCsv(DateOnly? from, DateOnly? to, UsageReport report, TimeProvider time)
    {
        if (Range(from, to, time) is not ({ } start, { } end, null))
        {
            return BadRange(from, to, time);
        }

        return CsvFile($"usage-{start:yyyy-MM-dd}-{end:yyyy-MM-dd}.csv", async (writer, cancellationToken) =>
        {
            await writer.WriteAsync(Csv.Row("created_at", "user_id", "user", "conversation_id", "message_id", "collection", "mode", "model",
                "fallback_used", "status", "input_tokens", "output_tokens", "cost", "latency_ms", "cache_hit", "cost_saved"));
            await foreach (var a in report.AnswersAsync(start, end).WithCancellation(cancellationToken))
            {
                await writer.WriteAsync(Csv.Row(a.CreatedAt, a.UserId, a.User, a.ConversationId, a.MessageId, a.Collection, a.Mode, a.Model,
                    a.FallbackUsed, a.Status, a.InputTokens, a.OutputTokens, a.Cost, a.LatencyMs, a.CacheHit, a.CostSaved));
            }
        });
    }

    /// <summary>Newest first, filtered by rating and by the UTC days the ratings were given; paged with <c>offset</c>/<c>limit</c>.</summary>
    private static async Task<Results<Ok<List<FeedbackItem>>, ProblemHttpResult>> FeedbackAsync(
        string? rating, string? from, string? to, string? offset, string? limit, FeedbackReport report, HttpResponse response, CancellationToken cancellationToken)
    {
        var (filter, filterProblem) = FeedbackFilterOf(rating, from, to);
        var (page, pageProblem) = PageRequest.Parse(offset, limit);
        if (filter is null || page is null)
        {
            return BadFilter(filterProblem ?? pageProblem);
        }

        var query = report.Query(filter);
        PageRequest.WriteTotal(response, await query.CountAsync(cancellationToken));
        return TypedResults.Ok(await page.Apply(query, MaxFeedbackItems).ToListAsync(cancellationToken));
    }

    private static async Task<Results<Ok<FeedbackTurn>, ProblemHttpResult>> FeedbackTurnAsync(Guid messageId, FeedbackReport report, CancellationToken cancellationToken) =>
        await report.TurnAsync(messageId, cancellationToken) is { } turn
            ? TypedResults.Ok(turn)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"There is no rated answer {messageId}.");

    private static IResult FeedbackCsv(string? rating, string? from, string? to, FeedbackReport report)
    {
        var (filter, problem) = FeedbackFilterOf(rating, from, to);
        if (filter is null)
        {
            return BadFilter(problem);
        }

        return CsvFile("feedback.csv", async (writer, cancellationToken) =>
        {
            await writer.WriteAsync(Csv.Row("created_at", "message_id", "conversation_id", "user_id", "user", "rating", "comment", "question", "answer", "model"));
            await foreach (var f in report.Query(filter).AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                await writer.WriteAsync(Csv.Row(f.CreatedAt, f.MessageId, f.ConversationId, f.UserId, f.User, f.Rating, f.Comment, f.Question, f.Answer, f.Model));
            }
        });
    }

    /// <summary>The feedback filter, or a problem naming the bad parameter; <c>from</c> and <c>to</c> are whole UTC days, both included.</summary>
    private static (FeedbackFilter? Filter, string? Problem) FeedbackFilterOf(string? rating, string? from, string? to)
    {
        if (rating is not null && ConversationEndpoints.ParseRating(rating) is null)
        {
            return (null, "The rating filter must be \"up\" or \"down\".");
        }

        var (start, fromProblem) = DateInput.Parse("from", from);
        var (end, toProblem) = DateInput.Parse("to", to);
        if ((fromProblem ?? toProblem) is { } problem)
        {
            return (null, problem);
        }

        if (start > end)
        {
            return (null, $"'from' ({start:yyyy-MM-dd}) is after 'to' ({end:yyyy-MM-dd}).");
        }

        return (new FeedbackFilter(ConversationEndpoints.ParseRating(rating), StartOf(start), StartOf(end?.AddDays(1))), null);
    }

    private static DateTimeOffset? StartOf(DateOnly? day) =>
        day is { } d ? new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null;

    /// <summary>A CSV download written row by row as the database streams it.</summary>
    private static IResult CsvFile(string name, Func<StreamWriter, CancellationToken, Task> write) =>
        Results.Stream(
            async stream =>
            {
                // Excel reads UTF-8 only with a byte-order mark.
                await using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
                await write(writer, CancellationToken.None);
            },
            "text/csv; charset=utf-8",
            name);

    /// <summary>Whole UTC days, both ends included; the third value explains a bad range.</summary>
    private static (DateOnly? From, DateOnly? To, string? Problem) Range(DateOnly? from, DateOnly? to, TimeProvider time)
    {
        // Dates far outside any usage (year 9999) would overflow the day-after arithmetic: refuse them by name.
        if ((OutOfRange(from, "from") ?? OutOfRange(to, "to")) is { } outside)
        {
            return (null, null, outside);
        }

        var end = to ?? DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var start = from ?? end.AddDays(-(DefaultDays - 1));
        return start > end ? (null, null, $"'from' ({start:yyyy-MM-dd}) is after 'to' ({end:yyyy-MM-dd}).")
            : end.DayNumber - start.DayNumber >= MaxDays ? (null, null, $"The range is longer than {MaxDays} days.")
            : (start, end, null);
    }

    private static string? OutOfRange(DateOnly? date, string name) =>
        date?.Year is < 2000 or > 2999 ? $"'{name}' must be a date between 2000-01-01 and 2999-12-31 (yyyy-MM-dd)." : null;

    private static ProblemHttpResult BadRange(DateOnly? from, DateOnly? to, TimeProvider time) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad date range", detail: Range(from, to, time).Problem);

    private static ProblemHttpResult BadFilter(string? detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad filter", detail: detail);
}

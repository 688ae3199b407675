using System.CommandLine;
using System.Text.Json;
using KnowledgeBase.Core.Evaluation;
using KnowledgeBase.Infrastructure.Conversations;
using KnowledgeBase.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgeBase.Cli.Commands;

/// <summary>
/// `kb eval feedback --export file.jsonl`: every answer rated 👎 (newest first) as a ground-truth line for review,
/// with the comment, the answer and its sources, so what users flag becomes evaluation questions.
/// </summary>
internal static class EvalFeedbackCommand
{
    public static Command Create()
    {
        var export = new Option<string>("--export") { Description = "Where to write the JSON lines.", Required = true };
        var all = new Option<bool>("--all") { Description = "Export 👍 ratings too (default: 👎 only)." };
        var command = new Command("feedback", "Export rated answers as ground-truth lines for review.") { export, all };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = CliHost.Build();
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<KnowledgeBaseDbContext>();
            var downOnly = !parse.GetValue(all);
            var rated = await (
                from f in db.Feedback.AsNoTracking()
                join a in db.Messages on f.MessageId equals a.Id
                from q in db.Messages.Where(q => q.Id == a.ReplyToId).DefaultIfEmpty()
                where !downOnly || f.Rating == Rating.Down
                orderby f.UpdatedAt descending
                select new { Question = q == null ? string.Empty : q.Text, a.Text, f.Rating, f.Comment, a.Citations, a.CitedNumbers, a.Id, f.UpdatedAt })
                .ToListAsync(cancellationToken);

            var path = parse.GetValue(export)!;
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            await using (var writer = new StreamWriter(path))
            {
                foreach (var r in rated.Where(r => r.Question.Length > 0))
                {
                    var line = FeedbackCase.From(r.Question, r.Text, r.Rating == Rating.Up ? "up" : "down", r.Comment, r.Citations, r.CitedNumbers, r.Id, r.UpdatedAt);
                    await writer.WriteLineAsync(JsonSerializer.Serialize(line, JsonOptions.Compact));
                }
            }

            Console.WriteLine(JsonSerializer.Serialize(new { exported = rated.Count(r => r.Question.Length > 0), file = path }, JsonOptions.Compact));
            return 0;
        });
        return command;
    }
}

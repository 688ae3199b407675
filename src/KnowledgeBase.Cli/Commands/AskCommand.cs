using System.CommandLine;
using System.Text.Json;
using KnowledgeBase.Core.Answering;
using KnowledgeBase.Core.Retrieval;
using KnowledgeBase.Infrastructure.Answering;
using KnowledgeBase.Infrastructure.Data;
using KnowledgeBase.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgeBase.Cli.Commands;

internal static class AskCommand
{
    public static Command Create()
    {
        var question = new Argument<string>("question") { Description = "The question to answer." };
        var user = new Option<string?>("--user") { Description = "Answer as this user (their access groups apply); default: everything." };
        var collection = new Option<string?>("--collection") { Description = "Only this collection." };
        var json = new Option<bool>("--json") { Description = "Print each event as one JSON line (the hub's wire shape)." };
        var command = new Command("ask", "Ask a question and stream the answer.") { question, user, collection, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = CliHost.Build();
            var scope = await ScopeAsync(services, parse.GetValue(user), parse.GetValue(collection), cancellationToken);
            if (scope is null)
            {
                Console.Error.WriteLine($"No user '{parse.GetValue(user)}'.");
                return 2;
            }

            var ask = services.GetRequiredService<AskService>();
            var citations = (IReadOnlyList<Citation>)[];
            var failed = false;
            await foreach (var e in ask.AskAsync(new AskRequest(parse.GetValue(question)!, parse.GetValue(collection)), scope, AskContext.None, cancellationToken))
            {
                if (parse.GetValue(json))
                {
                    Console.WriteLine(JsonSerializer.Serialize(e, e.GetType(), JsonOptions.Compact));
                    failed |= e is ErrorEvent;
                    continue;
                }

                switch (e)
                {
                    case RetrievalEvent r:
                        citations = r.Citations;
                        break;
                    case CitationsEvent located:
                        citations = located.Citations;
                        break;
                    case TokenEvent t:
                        Console.Write(t.Text);
                        break;
                    case GuardrailEvent g:
                        Console.Error.WriteLine($"[guardrail {g.Rule}: {g.Action}] {g.Message}");
                        break;
                    case DoneEvent d:
                        Console.WriteLine();
                        if (d.CitedNumbers.Count > 0)
                        {
                            Console.WriteLine();
                            foreach (var c in citations.Where(c => d.CitedNumbers.Contains(c.Number)))
                            {
                                Console.WriteLine(CitationLabel.Line(c));
                            }
                        }

                        Console.WriteLine($"({d.Mode}, {d.LatencyMs} ms)");
                        break;
                    case ErrorEvent error:
                        Console.Error.WriteLine($"error: {error.Message}");
                        failed = true;
                        break;
                }
            }

            return failed ? 1 : 0;
        });
        return command;
    }

    private static async Task<AccessScope?> ScopeAsync(IServiceProvider services, string? email, string? collection, CancellationToken cancellationToken)
    {
        if (email is null)
        {
            return AccessScope.Everything(collection);
        }

        await using var scope = services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserDirectory>().FindByEmailAsync(email, cancellationToken);
        return user is null ? null : new AccessScope(user.Groups, user.IsAdmin, collection);
    }
}

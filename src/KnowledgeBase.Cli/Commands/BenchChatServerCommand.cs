using System.CommandLine;
using KnowledgeBase.Cli.Bench;

namespace KnowledgeBase.Cli.Commands;

/// <summary>
/// Bench-only: runs the scripted chat server of `kb bench ask` in its own process, so its CPU time
/// and its own timings are its own. Prints its base address on the first line of stdout and serves
/// until stdin closes (the parent bench ending).
/// </summary>
internal static class BenchChatServerCommand
{
    public static Command Create()
    {
        var firstToken = new Option<int>("--first-token-ms") { Description = "Time to first token.", DefaultValueFactory = _ => 50 };
        var interval = new Option<int>("--token-interval-ms") { Description = "Time between tokens.", DefaultValueFactory = _ => 5 };
        var tokenCount = new Option<int>("--tokens") { Description = "Tokens per answer.", DefaultValueFactory = _ => 60 };
        var command = new Command("chat-server", "Bench-only: the scripted OpenAI-compatible server `kb bench ask` starts as a child process.")
        {
            firstToken, interval, tokenCount,
        };
        command.Hidden = true;
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var server = await ScriptedChatServer.StartAsync(
                TimeSpan.FromMilliseconds(parse.GetValue(firstToken)), TimeSpan.FromMilliseconds(parse.GetValue(interval)), parse.GetValue(tokenCount));
            Console.WriteLine(server.BaseAddress);
            await Console.In.ReadToEndAsync(cancellationToken);
            return 0;
        });
        return command;
    }
}

using System.CommandLine;
using KnowledgeBase.Cli;
using KnowledgeBase.Cli.Commands;

var root = new RootCommand("kb — the KnowledgeBase command line (connection: ConnectionStrings__KnowledgeBase)")
{
    MigrateCommand.Create(),
    IngestCommand.Create(),
    DeleteCommand.Create(),
    AskCommand.Create(),
    UsersCommand.Create(),
    BenchCommand.Create(),
    EvalCommand.Create(),
};

// Expected failures (no database, not migrated, a bad argument) are one sentence; anything else keeps its stack trace.
try
{
    return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception e) when (CliFailure.Explain(e) is { } sentence)
{
    Console.Error.WriteLine($"kb: {sentence}");
    return 1;
}

using System.CommandLine;
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

return await root.Parse(args).InvokeAsync();

using System.Net.Sockets;
using Npgsql;

namespace KnowledgeBase.Cli;

/// <summary>A sentence for the failures a user causes and can fix, instead of a stack trace; null for real bugs.</summary>
internal static class CliFailure
{
    public static string? Explain(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException { SqlState: PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.UndefinedColumn }:
                    return "the database is not migrated (or is older than this kb): run `kb migrate` first.";
                case PostgresException { SqlState: PostgresErrorCodes.InvalidCatalogName }:
                    return "the database in ConnectionStrings__KnowledgeBase does not exist: create it, then run `kb migrate`.";
                case PostgresException { SqlState: PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification }:
                    return "PostgreSQL refused the user name or password in ConnectionStrings__KnowledgeBase.";
                case NpgsqlException { InnerException: SocketException }:
                    return "cannot reach PostgreSQL at the host and port in ConnectionStrings__KnowledgeBase (is it running? infra/dev/db.sh up starts the local one).";
                case CliUsageException usage:
                    return usage.Message;
                case FileNotFoundException { FileName: { } file }:
                    return $"there is no file '{file}': check the path (relative paths start from the current folder).";
                case DirectoryNotFoundException:
                    return $"a folder in a path you gave does not exist ({e.Message}); relative paths start from the current folder.";
            }
        }

        return null;
    }
}

/// <summary>A command refused its arguments or its situation; the message says what to do.</summary>
internal sealed class CliUsageException(string message) : Exception(message);

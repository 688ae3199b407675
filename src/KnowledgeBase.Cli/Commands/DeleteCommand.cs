using System.CommandLine;
using KnowledgeBase.Infrastructure.Documents;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgeBase.Cli.Commands;

/// <summary>Removes a whole collection the way the API deletes a document (postings, statistics and unused blobs too).</summary>
internal static class DeleteCommand
{
    public static Command Create()
    {
        var collection = new Option<string>("--collection") { Description = "The collection to delete, every document in it.", Required = true };
        var command = new Command("delete", "Delete every document of a collection.") { collection };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var name = parse.GetValue(collection)!;
            await using var services = CliHost.Build();
            await using var scope = services.CreateAsyncScope();
            var deleted = await scope.ServiceProvider.GetRequiredService<DocumentService>().DeleteCollectionAsync(name, cancellationToken);
            Console.WriteLine($"Deleted {deleted} document(s) from collection '{name}'.");
            return 0;
        });
        return command;
    }
}

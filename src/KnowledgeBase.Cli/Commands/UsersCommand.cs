using System.CommandLine;
using System.Security.Cryptography;
using KnowledgeBase.Infrastructure.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgeBase.Cli.Commands;

internal static class UsersCommand
{
    public static Command Create()
    {
        var email = new Argument<string>("email");
        var role = new Option<string>("--role") { Description = "admin or employee.", DefaultValueFactory = _ => "employee" };
        role.AcceptOnlyFromAmong("admin", "employee", Roles.Admin, Roles.Employee);
        var groups = new Option<string?>("--groups") { Description = "Comma-separated access groups." };
        var password = new Option<string?>("--password") { Description = "Password (or KB_USER_PASSWORD); generated and printed when absent." };
        var add = new Command("add", "Add a user, or update an existing one's role, groups and password.") { email, role, groups, password };
        add.SetAction(async (parse, cancellationToken) =>
        {
            var chosen = parse.GetValue(password) ?? Environment.GetEnvironmentVariable("KB_USER_PASSWORD");
            var generated = chosen is null;
            chosen ??= RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 16);
            await using var services = CliHost.Build();
            await using var scope = services.CreateAsyncScope();
            try
            {
                var user = await scope.ServiceProvider.GetRequiredService<UserDirectory>().AddOrUpdateAsync(
                    parse.GetValue(email)!, chosen, parse.GetValue(role)!,
                    (parse.GetValue(groups) ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                    cancellationToken);
                Console.WriteLine($"{user.Email} ({user.Role}; groups: {(user.Groups.Count == 0 ? "none" : string.Join(", ", user.Groups))})");
                if (generated)
                {
                    Console.WriteLine($"password: {chosen}");
                }

                return 0;
            }
            catch (AccountException e)
            {
                Console.Error.WriteLine(e.Message);
                return 2;
            }
        });
        return new Command("users", "Manage users.") { add };
    }
}

namespace KnowledgeBase.Infrastructure.Identity;

public static class Roles
{
    public const string Admin = "admin";
    public const string Employee = "employee";

    public static bool IsValid(string role) => role is Admin or Employee;
}

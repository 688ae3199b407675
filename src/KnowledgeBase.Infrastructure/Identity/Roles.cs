namespace KnowledgeBase.Infrastructure.Identity;

public static class Roles
{
    public const string Admin = "Admin";
    public const string Employee = "Employee";

    /// <summary>Fixed ids so the roles are seeded by the migration and the same in every database.</summary>
    public static readonly Guid AdminId = new("0193d6a0-0000-7000-8000-000000000001");
    public static readonly Guid EmployeeId = new("0193d6a0-0000-7000-8000-000000000002");

    /// <summary>The canonical role name for "admin", "Admin", "employee"…; null when it is neither.</summary>
    public static string? Parse(string? role) =>
        string.Equals(role, Admin, StringComparison.OrdinalIgnoreCase) ? Admin
        : string.Equals(role, Employee, StringComparison.OrdinalIgnoreCase) ? Employee
        : null;
}

namespace KnowledgeBase.Infrastructure.Identity;

/// <summary>Group names as they appear in <c>documents.access_groups</c>: short, no spaces or commas (uploads list them comma-separated).</summary>
public static class GroupNames
{
    public static bool IsValid(string? name) =>
        name is { Length: > 0 and <= Group.MaxNameLength } && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    public static IReadOnlyList<string> Validate(IEnumerable<string>? names)
    {
        var result = new List<string>();
        foreach (var raw in names ?? [])
        {
            var name = raw?.Trim() ?? string.Empty;
            if (!IsValid(name))
            {
                throw new AccountException(AccountError.Invalid,
                    $"'{raw}' is not a valid group name: use 1 to {Group.MaxNameLength} letters, digits, '-', '_' or '.'.");
            }

            if (!result.Contains(name, StringComparer.Ordinal))
            {
                result.Add(name);
            }
        }

        return result;
    }
}

namespace KnowledgeBase.Infrastructure.Identity;

public static class ApiKeyScopes
{
    public const string Ask = "ask";
    public const string Search = "search";
    public const string Documents = "documents";

    public static readonly IReadOnlyList<string> All = [Ask, Search, Documents];
}

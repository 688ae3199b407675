namespace KnowledgeBase.Infrastructure.Data;

public static class DatabaseOptions
{
    public const string ConnectionStringName = "KnowledgeBase";

    /// <summary>The local dev database that infra/dev/db.sh starts.</summary>
    public const string DefaultConnectionString =
        "Host=127.0.0.1;Port=54329;Database=knowledgebase;Username=kb;Password=kb";
}

using System.Text.Json;

namespace KnowledgeBase.Cli;

internal static class JsonOptions
{
    public static readonly JsonSerializerOptions Compact = new(JsonSerializerDefaults.Web);
}

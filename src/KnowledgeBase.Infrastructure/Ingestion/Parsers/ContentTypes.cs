namespace KnowledgeBase.Infrastructure.Ingestion.Parsers;

public static class ContentTypes
{
    public const string Pdf = "application/pdf";
    public const string Markdown = "text/markdown";
    public const string Html = "text/html";
    public const string PlainText = "text/plain";
    public const string Csv = "text/csv";
    public const string Json = "application/json";
    public const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
}

namespace KnowledgeBase.Infrastructure.Documents;

/// <summary>Status names and <see cref="Lifecycle"/> guards as SQL, for statements that change statuses in the database.</summary>
internal static class StatusSql
{
    public static string Literal(DocumentStatus status) => $"'{StatusNames.Of(status)}'";

    public static string Literal(JobStatus status) => $"'{StatusNames.Of(status)}'";

    /// <summary>True for rows whose status may change to <paramref name="to"/>: <c>status IN (…)</c>.</summary>
    public static string MayBecome(DocumentStatus to, string column = "status") =>
        In(column, Enum.GetValues<DocumentStatus>().Where(from => Lifecycle.Allows(from, to)).Select(Literal));

    /// <inheritdoc cref="MayBecome(DocumentStatus, string)"/>
    public static string MayBecome(JobStatus to, string column = "status") =>
        In(column, Enum.GetValues<JobStatus>().Where(from => Lifecycle.Allows(from, to)).Select(Literal));

    private static string In(string column, IEnumerable<string> literals) => $"{column} IN ({string.Join(", ", literals)})";
}

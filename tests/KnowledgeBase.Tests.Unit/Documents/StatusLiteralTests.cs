using System.Text.RegularExpressions;
using KnowledgeBase.Infrastructure.Documents;

namespace KnowledgeBase.Tests.Unit.Documents;

public sealed class StatusLiteralTests
{
    /// <summary>SQL written with a status name in quotes bypasses <see cref="StatusNames"/> and <see cref="Lifecycle"/>'s guards.</summary>
    [Fact]
    public void No_source_file_writes_a_status_name_into_sql_by_hand()
    {
        var names = string.Join('|', Enum.GetValues<DocumentStatus>().Select(StatusNames.Of).Concat(Enum.GetValues<JobStatus>().Select(StatusNames.Of)).Distinct());
        var literal = new Regex($"'({names})'");
        var src = Path.Combine(RepositoryRoot(), "src");

        var offenders = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(src, f), Line: i + 1, Text: line)))
            .Where(l => literal.IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();

        Assert.True(offenders.Count == 0, string.Join('\n', offenders));
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "KnowledgeBase.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("KnowledgeBase.sln not found above the test binaries.");
    }
}

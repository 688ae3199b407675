namespace KnowledgeBase.Tests.Integration.Support;

internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string SampleDocs => Path.Combine(Root, "infra", "dev", "sample-docs");

    /// <summary>The shared evaluation corpus (read-only): KB_CORPUS, or shared/corpus beside the clone or an ancestor of it.</summary>
    public static string Corpus
    {
        get
        {
            if (Environment.GetEnvironmentVariable("KB_CORPUS") is { Length: > 0 } configured)
            {
                return configured;
            }

            for (var dir = new DirectoryInfo(Root).Parent; dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "corpus");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }

            throw new DirectoryNotFoundException($"The shared corpus is expected at {Path.GetFullPath(Path.Combine(Root, "..", "shared", "corpus"))} (or set KB_CORPUS).");
        }
    }

    public static string BuiltProgram(string project, string assembly)
    {
        var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        return Path.Combine(Root, "src", project, "bin", configuration, "net10.0", assembly);
    }

    public static string Artifacts { get; } = Environment.GetEnvironmentVariable("KB_TEST_ARTIFACTS") is { Length: > 0 } dir
        ? dir
        : Path.Combine(Root, "artifacts", "test-results");

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "KnowledgeBase.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("KnowledgeBase.sln not found above " + AppContext.BaseDirectory);
    }
}

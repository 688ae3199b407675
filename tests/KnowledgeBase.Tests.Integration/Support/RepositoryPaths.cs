namespace KnowledgeBase.Tests.Integration.Support;

internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string SampleDocs => Path.Combine(Root, "infra", "dev", "sample-docs");

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

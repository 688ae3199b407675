using KnowledgeBase.Infrastructure.Identity;

namespace KnowledgeBase.Tests.Integration.Support;

/// <summary>
/// One database with the product's sample documents ingested and the app running on Kestrel,
/// shared by the tests of the "App" collection. HR-only content lives in a separate group.
/// </summary>
public sealed class AppFixture : IAsyncLifetime
{
    public const string AdminEmail = "admin@test.example";
    public const string EmployeeEmail = "employee@test.example";
    public const string HrEmail = "hr@test.example";
    public const string Password = "correct-horse-battery";
    public const string HrSecret = "The 2026 salary review budget is 4.2 percent of payroll.";

    public TestDatabase Database { get; private set; } = null!;

    public KnowledgeBaseApp App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        // Many tests ask as the same users; the limits themselves are tested in apps of their own.
        App = new KnowledgeBaseApp(Database.ConnectionString, new Dictionary<string, string> { ["RateLimits:AskBurst"] = "10000", ["RateLimits:AskPerMinute"] = "60000" });
        foreach (var file in new[] { "benefits-guide.pdf", "travel-policy.pdf", "engineering-onboarding.pdf", "employee-handbook.md", "it-security-policy.html", "onboarding-faq.txt" })
        {
            var (_, job) = await App.IngestAsync(Path.Combine(RepositoryPaths.SampleDocs, file));
            Assert.Equal(Infrastructure.Documents.JobStatus.Done, job?.Status);
        }

        var hrFile = Path.Combine(Path.GetTempPath(), $"salary-review-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(hrFile, "Salary review 2026\n\n" + HrSecret + " Managers submit proposals by March.");
        await App.IngestAsync(hrFile, "default", "hr");
        File.Delete(hrFile);

        await App.AddUserAsync(AdminEmail, Password, Roles.Admin);
        await App.AddUserAsync(EmployeeEmail, Password, Roles.Employee, "staff");
        await App.AddUserAsync(HrEmail, Password, Roles.Employee, "staff", "hr");
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Database.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class SharedApp : ICollectionFixture<AppFixture>, ICollectionFixture<Browser.BrowserFixture>
{
    public const string Name = "App";
}

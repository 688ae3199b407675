using KnowledgeBase.Infrastructure.Identity;
using KnowledgeBase.Tests.Integration.Support;

namespace KnowledgeBase.Tests.Integration.Identity;

/// <summary>
/// An app of its own for tests that change users, groups and documents (the shared fixture must not
/// see those changes): one admin, a staff employee, an HR employee, and three small documents.
/// </summary>
public sealed class IdentityApp : IAsyncLifetime
{
    public const string Admin = "admin@identity.example";
    public const string Staff = "staff@identity.example";
    public const string Hr = "hr@identity.example";
    public const string Password = "a-long-enough-password";
    public const string HrText = "The confidential bonus pool for 2026 is 7.5 million crowns.";
    public const string FinanceText = "The quarterly budget for espresso machines is 12000 crowns.";

    public TestDatabase Database { get; private set; } = null!;

    public KnowledgeBaseApp App { get; private set; } = null!;

    public Guid HrDocument { get; private set; }

    public Guid FinanceDocument { get; private set; }

    public Guid PublicDocument { get; private set; }

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        App = new KnowledgeBaseApp(Database.ConnectionString, new Dictionary<string, string>
        {
            ["Identity:LockoutMaxFailedAttempts"] = "3",
            ["Startup:AdminEmail"] = "first-admin@identity.example",
            ["Startup:AdminPassword"] = "first-admin-password",
        });
        HrDocument = await IngestTextAsync("bonus-pool.txt", "Bonus pool\n\n" + HrText, "hr");
        FinanceDocument = await IngestTextAsync("espresso-budget.txt", "Espresso budget\n\n" + FinanceText, "finance");
        PublicDocument = await IngestTextAsync("canteen.html", "<html><body><h1>Canteen</h1><p>The canteen opens at 11:30.</p><script>alert(1)</script></body></html>");
        await App.AddUserAsync(Admin, Password, Roles.Admin);
        await App.AddUserAsync(Staff, Password, Roles.Employee, "staff");
        await App.AddUserAsync(Hr, Password, Roles.Employee, "staff", "hr");
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Database.DisposeAsync();
    }

    private async Task<Guid> IngestTextAsync(string name, string text, params string[] groups)
    {
        var path = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}-{name}");
        await File.WriteAllTextAsync(path, text);
        try
        {
            var (upload, job) = await App.IngestAsync(path, "default", groups);
            Assert.Equal(Infrastructure.Documents.JobStatus.Done, job?.Status);
            return upload.DocumentId!.Value;
        }
        finally
        {
            File.Delete(path);
        }
    }
}

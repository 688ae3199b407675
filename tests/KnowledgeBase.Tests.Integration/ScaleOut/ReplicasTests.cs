using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using KnowledgeBase.Tests.Integration.Support;
using Microsoft.AspNetCore.SignalR.Client;

namespace KnowledgeBase.Tests.Integration.ScaleOut;

/// <summary>
/// Two real Api processes (replicas A and B, no workers of their own) and one Worker process over one database
/// and one real Redis: the replicas behave as one.
/// </summary>
public sealed class ReplicasTests : IAsyncLifetime
{
    private const string Admin = "admin@replicas.example";
    private const string Password = "replicas-long-password";
    private readonly string blobRoot = Directory.CreateTempSubdirectory("kb-blobs-").FullName;
    private TestDatabase database = null!;
    private RedisServer redis = null!;
    private ProgramProcess a = null!;
    private ProgramProcess b = null!;
    private ProgramProcess worker = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        redis = await RedisServer.StartAsync();
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings:KnowledgeBase"] = database.ConnectionString,
            ["Storage:Root"] = blobRoot,
            ["Redis:ConnectionString"] = redis.ConnectionString,
            ["Workers:Enabled"] = "false",
            ["Workers:PollSeconds"] = "1",
            ["Identity:SecureCookies"] = "SameAsRequest",
            ["RateLimits:AskBurst"] = "3",
            ["RateLimits:AskPerMinute"] = "1",
            ["Budgets:DailyTokensPerUser"] = "1000",
            ["Startup:AdminEmail"] = Admin,
            ["Startup:AdminPassword"] = Password,
        };
        // A first, so the start-up admin is created once.
        a = await ProgramProcess.StartApiAsync(settings);
        b = await ProgramProcess.StartApiAsync(settings);
        worker = await ProgramProcess.StartWorkerAsync(settings);
    }

    public async Task DisposeAsync()
    {
        await StartedParts.DisposeAsync(worker, b, a, redis, database);
        Directory.Delete(blobRoot, recursive: true);
    }

    [Fact]
    public async Task One_users_question_limit_holds_across_both_replicas()
    {
        using var admin = await SignedInClient.SignInAsync(a.BaseAddress!, Admin, Password);
        await CreateUserAsync(admin, "asker@replicas.example", "Employee");
        using var onA = await SignedInClient.SignInAsync(a.BaseAddress!, "asker@replicas.example", Password);
        using var onB = await SignedInClient.SignInAsync(b.BaseAddress!, "asker@replicas.example", Password);

        // A burst of 3 for the user, wherever they ask: A, B, A take it; B and A are refused.
        var statuses = new List<HttpStatusCode>();
        foreach (var client in new[] { onA, onB, onA, onB, onA })
        {
            var response = await client.Http.PostAsJsonAsync("/api/ask", new { question = "Is there a canteen?" });
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task A_daily_budget_spent_through_one_replica_is_refused_by_both()
    {
        using var admin = await SignedInClient.SignInAsync(a.BaseAddress!, Admin, Password);
        var id = await CreateUserAsync(admin, "spender@replicas.example", "Employee");
        using var onA = await SignedInClient.SignInAsync(a.BaseAddress!, "spender@replicas.example", Password);
        using var onB = await SignedInClient.SignInAsync(b.BaseAddress!, "spender@replicas.example", Password);
        Assert.Equal(HttpStatusCode.OK, (await onB.Http.PostAsJsonAsync("/api/ask", new { question = "Is there a canteen?" })).StatusCode);

        // An LLM answer through replica A reported 1,000 tokens (stored as ConversationService stores it).
        await database.SeedAnswerAsync(id, "spender@replicas.example", "now()", 600, 400);

        foreach (var replica in new[] { onA, onB })
        {
            var refused = await replica.Http.PostAsJsonAsync("/api/ask", new { question = "Is there a canteen?" });
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.Contains("daily budget", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Demoting_an_admin_on_replica_a_closes_their_ingestion_connection_on_replica_b()
    {
        using var admin = await SignedInClient.SignInAsync(a.BaseAddress!, Admin, Password);
        var id = await CreateUserAsync(admin, "second-admin@replicas.example", "Admin");
        using var onB = await SignedInClient.SignInAsync(b.BaseAddress!, "second-admin@replicas.example", Password);
        await using var hub = onB.Hub("/hubs/ingestion");
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        await hub.StartAsync();

        var demoted = await admin.Http.PutAsJsonAsync($"/api/users/{id}", new { role = "Employee" });

        Assert.Equal(HttpStatusCode.OK, demoted.StatusCode);
        Assert.True(await Task.WhenAny(closed.Task, Task.Delay(TimeSpan.FromSeconds(20))) == closed.Task, "replica B kept the demoted admin's connection open");
        var again = await Assert.ThrowsAsync<HttpRequestException>(() => onB.Hub("/hubs/ingestion").StartAsync());
        Assert.Equal(HttpStatusCode.Forbidden, again.StatusCode);
    }

    [Fact]
    public async Task Progress_of_a_job_run_by_the_worker_reaches_admins_on_both_replicas_once_each()
    {
        using var onA = await SignedInClient.SignInAsync(a.BaseAddress!, Admin, Password);
        using var onB = await SignedInClient.SignInAsync(b.BaseAddress!, Admin, Password);
        var received = new Dictionary<string, ConcurrentQueue<JsonElement>> { ["A"] = new(), ["B"] = new() };
        await using var hubA = onA.Hub("/hubs/ingestion");
        await using var hubB = onB.Hub("/hubs/ingestion");
        hubA.On<JsonElement>("progress", received["A"].Enqueue);
        hubB.On<JsonElement>("progress", received["B"].Enqueue);
        await hubA.StartAsync();
        await hubB.StartAsync();

        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent("Replica notes\n\nProgress travels from the worker to every replica."u8.ToArray());
        file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        form.Add(file, "files", "replica-notes.txt");
        var upload = await onA.Http.PostAsync("/api/documents", form);
        Assert.Equal(HttpStatusCode.Accepted, upload.StatusCode);
        var documentId = (await upload.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("documents")[0].GetProperty("documentId").GetGuid();

        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!received.Values.All(q => q.Any(m => IsReady(m, documentId))))
        {
            Assert.True(DateTime.UtcNow < deadline, $"'ready' did not reach both replicas' admins (A: {received["A"].Count}, B: {received["B"].Count} messages)\n{worker.Output}");
            await Task.Delay(50);
        }

        await Task.Delay(500);
        Assert.All(received.Values, q => Assert.Single(q, m => IsReady(m, documentId)));
    }

    private static bool IsReady(JsonElement message, Guid documentId) =>
        message.GetProperty("documentId").GetGuid() == documentId && message.GetProperty("status").GetString() == "ready";

    private static async Task<string> CreateUserAsync(SignedInClient admin, string email, string role)
    {
        var created = await admin.Http.PostAsJsonAsync("/api/users", new { email, password = Password, role, groups = Array.Empty<string>() });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }
}

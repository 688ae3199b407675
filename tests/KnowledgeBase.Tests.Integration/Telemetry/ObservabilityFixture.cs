using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using KnowledgeBase.Infrastructure.Identity;
using KnowledgeBase.Tests.Integration.Support;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Trace;

namespace KnowledgeBase.Tests.Integration.Telemetry;

/// <summary>
/// One app observed from every side: a fake OpenAI-compatible model (model-a, fallback model-b), a fake
/// Langfuse receiving OTLP and scores, an in-memory span exporter and a log capture. <see cref="TrafficAsync"/>
/// drives the traffic every observability test reads, once.
/// </summary>
public sealed class ObservabilityFixture : IAsyncLifetime
{
    public const string Email = "observed@test.example";
    public const string AdminEmail = "observer-admin@test.example";
    public const string Password = "observability-password-7Q";
    public const string PublicKey = "pk-lf-test";
    public const string SecretKey = "sk-lf-test-secret-9f3";
    public const string AnswerMarker = "Zebracorn";
    public const string QuestionMarker = "Quokkaflux";
    public const string GuardedCard = "4111 1111 1111 1111";

    private readonly SemaphoreSlim once = new(1, 1);
    private Traffic? traffic;

    public TestDatabase Database { get; private set; } = null!;

    public FakeChatServer Llm { get; private set; } = null!;

    public FakeLangfuse Langfuse { get; private set; } = null!;

    public KnowledgeBaseApp App { get; private set; } = null!;

    public LockedCollection<Activity> Spans { get; } = new();

    public LogCapture Logs { get; } = new();

    public async Task InitializeAsync()
    {
        Llm = await FakeChatServer.StartAsync();
        Llm.Answer = model => $"{AnswerMarker} says the FlexFit allowance is 600 EUR per year [1].";
        // Its first answer to a score is a 503: the feedback test sees the retry.
        Langfuse = await FakeLangfuse.StartAsync();
        Langfuse.FailScores = 1;
        Database = await TestDatabase.CreateAsync();
        App = new KnowledgeBaseApp(Database.ConnectionString, new Dictionary<string, string>
        {
            ["Llm:Providers:0:Name"] = "primary",
            ["Llm:Providers:0:Model"] = "model-a",
            ["Llm:Providers:0:Endpoint"] = Llm.BaseAddress.ToString(),
            ["Llm:Providers:0:ApiKey"] = "sk-model-a-secret",
            ["Llm:Providers:1:Name"] = "secondary",
            ["Llm:Providers:1:Model"] = "model-b",
            ["Llm:Providers:1:Endpoint"] = Llm.BaseAddress.ToString(),
            ["Llm:Pricing:model-a:InputPerMillion"] = "1000",
            ["Llm:Pricing:model-a:OutputPerMillion"] = "2000",
            ["Llm:Resilience:MaxRetries"] = "0",
            ["Llm:Resilience:BreakerMinimumThroughput"] = "10000",
            ["Langfuse:BaseUrl"] = Langfuse.BaseAddress.ToString(),
            ["Langfuse:PublicKey"] = PublicKey,
            ["Langfuse:SecretKey"] = SecretKey,
            ["Langfuse:ScoreRetryMilliseconds"] = "50",
            ["Cache:Enabled"] = "true",
            // The fake model's canned answers add words no source holds; a flagged answer is never cached, and the
            // traffic needs a cache hit (GroundednessGuardrailTests cover the flag and its span).
            ["Guardrails:Actions:groundedness"] = "off",
            ["Guardrails:Actions:citation.unsupported"] = "off",
            ["RateLimits:AskBurst"] = "1000",
            ["RateLimits:AskPerMinute"] = "1000",
            ["RateLimits:ApiKeyAskBurst"] = "1",
            ["RateLimits:ApiKeyAskPerMinute"] = "1",
        }, services =>
        {
            services.AddOpenTelemetry().WithTracing(tracing => tracing.AddInMemoryExporter(Spans));
            services.AddSingleton<ILoggerProvider>(Logs);
        });
        var doc = Path.Combine(Path.GetTempPath(), $"flexfit-{Guid.NewGuid():N}.md");
        await File.WriteAllTextAsync(doc, "# FlexFit\n\nThe FlexFit fitness allowance gives every employee 600 EUR per calendar year.");
        await App.IngestAsync(doc);
        File.Delete(doc);
        await App.AddUserAsync(Email, Password, Roles.Employee);
        await App.AddUserAsync(AdminEmail, Password, Roles.Admin);
    }

    /// <summary>Every kind of traffic the dashboards and alerts look at, driven once for all tests.</summary>
    public async Task<Traffic> TrafficAsync()
    {
        await once.WaitAsync();
        try
        {
            return traffic ??= await DriveAsync();
        }
        finally
        {
            once.Release();
        }
    }

    private async Task<Traffic> DriveAsync()
    {
        var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;
        using var user = await App.SignInAsync(Email, Password);
        using var admin = await App.SignInAsync(AdminEmail, Password);
        Llm.Reset();

        // Through the hub (SignalR connections), then over SSE: the model answers.
        await using (var hub = user.Hub())
        {
            await hub.StartAsync(bounded);
            Assert.Contains(await ChatEvents.AskAsync(hub, "What is the FlexFit allowance?", bounded), e => e.Type() == "done");
        }

        var (_, sse) = await ChatEvents.AskOverSseAsync(user.Http, $"{QuestionMarker}: how much is the FlexFit allowance?", bounded);
        var done = sse.Single(e => e.Type() == "done");

        // The primary fails once (fallback to model-b), then both fail (extractive answer).
        Llm.Reset(call => call.Model == "model-a" ? ChatFault.Unavailable : ChatFault.None);
        Assert.Equal(HttpStatusCode.OK, (await user.Http.PostAsJsonAsync("/api/ask", new { question = "FlexFit allowance per year?" }, bounded)).StatusCode);
        Llm.Reset(_ => ChatFault.Unavailable);
        // The hub's question again: its embedding comes from the query cache.
        // (Past the answer cache, which holds the hub's answer.)
        var extractive = await (await user.Http.PostAsJsonAsync("/api/ask", new { question = "What is the FlexFit allowance?", cache = false }, bounded)).Content.ReadFromJsonAsync<JsonElement>(bounded);
        Assert.Equal("extractive", extractive.GetProperty("mode").GetString());
        Llm.Reset();

        // A card number in a question is redacted before anything stores, logs or traces it (kb.guardrail.actions).
        var guarded = await (await user.Http.PostAsJsonAsync("/api/ask", new { question = $"My card {GuardedCard} was charged twice: is FlexFit refunded?" }, bounded)).Content.ReadFromJsonAsync<JsonElement>(bounded);
        Assert.Contains(guarded.GetProperty("guardrails").EnumerateArray(), g => g.GetProperty("rule").GetString() == "pii.payment_card" && g.GetProperty("action").GetString() == "redact");

        // A question asked twice: the second answer comes from the answer cache.
        Assert.Equal(HttpStatusCode.OK, (await user.Http.PostAsJsonAsync("/api/ask", new { question = "Who gets the FlexFit allowance?" }, bounded)).StatusCode);
        var cached = await (await user.Http.PostAsJsonAsync("/api/ask", new { question = "Who gets the FlexFit allowance?" }, bounded)).Content.ReadFromJsonAsync<JsonElement>(bounded);
        Assert.True(cached.GetProperty("cacheHit").GetBoolean());

        // A collection nobody created must not become a metric label.
        var strayCollection = $"stray-{Guid.NewGuid():N}";
        Assert.Equal(HttpStatusCode.OK, (await user.Http.PostAsJsonAsync("/api/ask", new { question = "FlexFit?", collection = strayCollection }, bounded)).StatusCode);

        // An API key's second question within its one-per-minute limit is refused.
        var created = await (await admin.Http.PostAsJsonAsync("/api/keys", new { name = "observed bot", scopes = new[] { "ask" } }, bounded)).Content.ReadFromJsonAsync<JsonElement>(bounded);
        var apiKey = created.GetProperty("key").GetString()!;
        using (var bot = App.ApiKeyClient(apiKey))
        {
            Assert.Equal(HttpStatusCode.OK, (await bot.PostAsJsonAsync("/api/ask", new { question = "FlexFit allowance?" }, bounded)).StatusCode);
            Assert.Equal(HttpStatusCode.TooManyRequests, (await bot.PostAsJsonAsync("/api/ask", new { question = "FlexFit allowance?" }, bounded)).StatusCode);
        }

        // A wrong password, an upload that ingests and one that fails.
        using (var stranger = await App.SignInAsync())
        {
            await stranger.Http.PostAsJsonAsync("/api/auth/login", new { email = Email, password = "wrong-" + Password }, bounded);
        }

        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(BadFiles.Pdf("Parking", "Employees park in garage B from 7 am.")), "files", "parking.pdf" },
            { new ByteArrayContent(BadFiles.EncryptedPdf()), "files", "locked.pdf" },
        };
        var upload = await (await admin.Http.PostAsync("/api/documents", form, bounded)).Content.ReadFromJsonAsync<JsonElement>(bounded);
        var documents = upload.GetProperty("documents").EnumerateArray().Select(d => d.GetProperty("documentId").GetGuid()).ToList();
        await WaitForDocumentsAsync(admin.Http, documents, bounded);

        Assert.Equal(HttpStatusCode.NoContent, (await user.Http.PutAsJsonAsync($"/api/messages/{done.GetProperty("messageId").GetGuid()}/feedback", new { rating = "up", comment = "Spot on" }, bounded)).StatusCode);
        return new Traffic(done.GetProperty("messageId").GetGuid(), done.GetProperty("conversationId").GetGuid(), strayCollection, apiKey);
    }

    private static async Task WaitForDocumentsAsync(HttpClient http, IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
    {
        while (true)
        {
            var statuses = new List<string>();
            foreach (var id in ids)
            {
                statuses.Add((await http.GetFromJsonAsync<JsonElement>($"/api/documents/{id}", cancellationToken)).GetProperty("status").GetString()!);
            }

            if (statuses.All(s => s is "ready" or "failed"))
            {
                Assert.Contains("failed", statuses);
                return;
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    /// <summary>Ends the spans and exports still in flight (the batch exporter to Langfuse).</summary>
    public void Flush() => App.Services.GetRequiredService<TracerProvider>().ForceFlush(10_000);

    public async Task DisposeAsync()
    {
        await StartedParts.DisposeAsync(App, Database, Langfuse, Llm);
    }
}

/// <summary>
/// Runs alone, after the parallel collections: instruments of the same meter and name are one stream in the
/// OpenTelemetry SDK, so another test host stopping mid-run (its ASP.NET Core meters, its StoreGauges) would end
/// the streams this host's /metrics shows.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ObservabilityCollection : ICollectionFixture<ObservabilityFixture>
{
    public const string Name = "Observability";
}

/// <summary>What the traffic left to look for.</summary>
public sealed record Traffic(Guid AnswerId, Guid ConversationId, string StrayCollection, string ApiKey);

/// <summary>A list the exporter may add to from any thread.</summary>
public sealed class LockedCollection<T> : ICollection<T>
{
    private readonly List<T> items = [];

    public int Count { get { lock (items) { return items.Count; } } }

    public bool IsReadOnly => false;

    public void Add(T item) { lock (items) { items.Add(item); } }

    public void Clear() { lock (items) { items.Clear(); } }

    public bool Contains(T item) { lock (items) { return items.Contains(item); } }

    public void CopyTo(T[] array, int arrayIndex) { lock (items) { items.CopyTo(array, arrayIndex); } }

    public bool Remove(T item) { lock (items) { return items.Remove(item); } }

    public List<T> Snapshot() { lock (items) { return [.. items]; } }

    public IEnumerator<T> GetEnumerator() => Snapshot().GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>Every log line the app writes, formatted with its structured values, scopes and exception.</summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<string> lines = new();

    public IReadOnlyCollection<string> Lines => lines;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            lines.Enqueue($"{category} scope {state}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(' ', pairs.Select(p => $"{p.Key}={p.Value}")) : string.Empty;
            lines.Enqueue($"{category} {logLevel} {formatter(state, exception)} {values} {exception}");
        }
    }
}

using System.Net;
using System.Net.Http.Json;
using KnowledgeBase.Infrastructure.Documents;
using KnowledgeBase.Infrastructure.Identity;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgeBase.Tests.Integration.Support;

/// <summary>The real Api host on Kestrel (a real port), over a test database.</summary>
public sealed class KnowledgeBaseApp : WebApplicationFactory<Program>
{
    /// <summary>Uploads above this are refused; small so the over-limit test stays fast.</summary>
    public const long MaxFileBytes = 5 * 1024 * 1024;

    /// <summary>Upload requests above this (all files together) are cut off.</summary>
    public const long MaxRequestBytes = 12 * 1024 * 1024;

    private readonly string connectionString;
    private readonly IReadOnlyDictionary<string, string> settings;
    private readonly Action<IServiceCollection>? services;
    private readonly string environment;

    /// <param name="services">Extra registrations after the app's own (e.g. an in-memory span exporter, a log capture, a shifted TimeProvider).</param>
    /// <param name="environment">The host environment (Testing; Production turns on HSTS, Secure cookies and the /metrics guard).</param>
    public KnowledgeBaseApp(
        string connectionString, IReadOnlyDictionary<string, string>? settings = null, Action<IServiceCollection>? services = null, string environment = "Testing")
    {
        this.connectionString = connectionString;
        this.settings = settings ?? new Dictionary<string, string>();
        this.services = services;
        this.environment = environment;
        BlobRoot = Directory.CreateTempSubdirectory("kb-blobs-").FullName;
        UseKestrel(0);
        StartServer();
        BaseAddress = new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public Uri BaseAddress { get; }

    public string BlobRoot { get; }

    /// <summary>Where answers wait on disk for the database (AnswerRecovery:SpoolDirectory); created when needed.</summary>
    public string SpoolDirectory { get; } = Path.Combine(Path.GetTempPath(), $"kb-answer-spool-{Guid.NewGuid():N}");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        builder.UseSetting("ConnectionStrings:KnowledgeBase", connectionString);
        builder.UseSetting("Storage:Root", BlobRoot);
        builder.UseSetting("AnswerRecovery:SpoolDirectory", SpoolDirectory);
        builder.UseSetting("Ingestion:MaxFileBytes", MaxFileBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Ingestion:MaxRequestBytes", MaxRequestBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Workers:PollSeconds", "1");
        // Every test signs in from 127.0.0.1: the per-IP limit is tested in an app of its own.
        builder.UseSetting("Identity:SignInAttemptsPerMinute", "10000");
        // Tests ask the same questions again and count model calls: the answer cache is on only where a test turns it on.
        builder.UseSetting("Cache:Enabled", "false");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        if (services is not null)
        {
            builder.ConfigureTestServices(services);
        }
    }

    public async Task AddUserAsync(string email, string password, string role, params string[] groups)
    {
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<UserDirectory>().AddOrUpdateAsync(email, password, role, groups, CancellationToken.None);
    }

    /// <summary>A client that sends the given API key as a bearer token.</summary>
    public HttpClient ApiKeyClient(string key)
    {
        var http = new HttpClient { BaseAddress = BaseAddress };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        return http;
    }

    /// <summary>Uploads a file and waits for the app's own workers to finish it.</summary>
    public async Task<(UploadResult Upload, IngestionJob? Job)> IngestAsync(string path, string collection = "default", params string[] groups) =>
        await JobWaiter.UploadAndWaitAsync(Services, Path.GetFileName(path), await File.ReadAllBytesAsync(path), collection, groups);

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(BlobRoot))
        {
            Directory.Delete(BlobRoot, recursive: true);
        }

        if (disposing && Directory.Exists(SpoolDirectory))
        {
            Directory.Delete(SpoolDirectory, recursive: true);
        }
    }

    /// <summary>
    /// A browser-like client: cookies kept, signed in when credentials are given, and (like the web
    /// UI) echoing the XSRF-TOKEN cookie as the X-XSRF-TOKEN header on state changes unless told not to.
    /// </summary>
    public Task<SignedInClient> SignInAsync(string? email = null, string? password = null, bool sendAntiforgeryToken = true) =>
        SignedInClient.SignInAsync(BaseAddress, email, password, sendAntiforgeryToken);
}

public sealed class SignedInClient(HttpClient http, CookieContainer cookies, Uri baseAddress) : IDisposable
{
    /// <summary>Signs in to any running Api (this process's or another's) as the web UI does.</summary>
    public static async Task<SignedInClient> SignInAsync(Uri baseAddress, string? email, string? password, bool sendAntiforgeryToken = true)
    {
        var cookies = new CookieContainer();
        HttpMessageHandler handler = new HttpClientHandler { CookieContainer = cookies };
        if (sendAntiforgeryToken)
        {
            handler = new AntiforgeryHeaderHandler(cookies) { InnerHandler = handler };
        }

        var http = new HttpClient(handler) { BaseAddress = baseAddress };
        if (email is not null)
        {
            var response = await http.PostAsJsonAsync("/api/auth/login", new { email, password });
            response.EnsureSuccessStatusCode();
        }

        return new SignedInClient(http, cookies, baseAddress);
    }

    public HttpClient Http => http;

    /// <summary>The sign-in cookie as a Cookie header, for clients that bring their own HTTP stack.</summary>
    public string CookieHeader => cookies.GetCookieHeader(baseAddress);

    public CookieContainer Cookies => cookies;

    public HubConnection Hub(string path = "/hubs/chat") =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(baseAddress, path), o => o.Cookies = cookies)
            .Build();

    public void Dispose() => http.Dispose();
}

using System.Net;
using System.Net.Http.Json;
using KnowledgeBase.Infrastructure.Identity;
using KnowledgeBase.Infrastructure.Ingestion;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgeBase.Tests.Integration.Support;

/// <summary>The real Api host on Kestrel (a real port), over a test database.</summary>
public sealed class KnowledgeBaseApp : WebApplicationFactory<Program>
{
    private readonly string connectionString;

    public KnowledgeBaseApp(string connectionString)
    {
        this.connectionString = connectionString;
        UseKestrel(0);
        StartServer();
        BaseAddress = new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public Uri BaseAddress { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:KnowledgeBase", connectionString);
    }

    public async Task AddUserAsync(string email, string password, string role, params string[] groups)
    {
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<UserDirectory>().AddOrUpdateAsync(email, password, role, groups, CancellationToken.None);
    }

    public async Task<IngestionResult> IngestAsync(string path, string collection = "default", params string[] groups)
    {
        await using var scope = Services.CreateAsyncScope();
        var ingestor = scope.ServiceProvider.GetRequiredService<DocumentIngestor>();
        return await ingestor.IngestAsync(
            new IngestionRequest(Path.GetFileName(path), await File.ReadAllBytesAsync(path), collection, groups), null, CancellationToken.None);
    }

    /// <summary>A browser-like client: cookies kept, signed in when credentials are given.</summary>
    public async Task<SignedInClient> SignInAsync(string? email = null, string? password = null)
    {
        var cookies = new CookieContainer();
        var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = BaseAddress };
        if (email is not null)
        {
            var response = await http.PostAsJsonAsync("/api/auth/login", new { email, password });
            response.EnsureSuccessStatusCode();
        }

        return new SignedInClient(http, cookies, BaseAddress);
    }
}

public sealed class SignedInClient(HttpClient http, CookieContainer cookies, Uri baseAddress) : IDisposable
{
    public HttpClient Http => http;

    public HubConnection Hub(string path = "/hubs/chat") =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(baseAddress, path), o => o.Cookies = cookies)
            .Build();

    public void Dispose() => http.Dispose();
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using KnowledgeBase.Api.Identity;
using KnowledgeBase.Infrastructure.Identity;
using KnowledgeBase.Tests.Integration.Support;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgeBase.Tests.Integration.Identity;

/// <summary>
/// Sessions end when they should (logout, absolute lifetime), sign-in failures reveal nothing about which accounts
/// exist, and one address cannot guess passwords quickly. An app of its own: a shifted clock and low limits.
/// Clients appear as different addresses through X-Forwarded-For (loopback is a trusted proxy).
/// </summary>
public sealed class SessionHardeningTests : IAsyncLifetime
{
    private const string Password = "a-long-enough-password";
    private readonly ShiftedTimeProvider clock = new();
    private TestDatabase database = null!;
    private KnowledgeBaseApp app = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        app = new KnowledgeBaseApp(
            database.ConnectionString,
            new Dictionary<string, string>
            {
                ["Identity:AbsoluteSessionHours"] = "1",
                ["Identity:SignInAttemptsPerMinute"] = "5",
                ["Identity:LockoutMaxFailedAttempts"] = "3",
                ["Identity:PrincipalCacheSeconds"] = "0",
            },
            services: s => s.AddSingleton<TimeProvider>(clock));
        await app.AddUserAsync("ada@session.example", Password, Roles.Employee, "staff");
        await app.AddUserAsync("locked@session.example", Password, Roles.Employee, "staff");
    }

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task A_cookie_copied_before_logout_is_refused_afterwards()
    {
        using var browser = await SignInAsync("ada@session.example", "10.0.0.1");
        var copied = browser.CookieHeader;
        Assert.Equal(HttpStatusCode.OK, (await WithCookie(copied).GetAsync("/api/auth/me")).StatusCode);

        var logout = await browser.Http.PostAsync("/api/auth/logout", null);

        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await WithCookie(copied).GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task An_active_session_ends_at_the_absolute_lifetime()
    {
        using var browser = await SignInAsync("ada@session.example", "10.0.0.2");
        clock.Offset = TimeSpan.FromMinutes(40);
        Assert.Equal(HttpStatusCode.OK, (await browser.Http.GetAsync("/api/auth/me")).StatusCode);

        clock.Offset = TimeSpan.FromMinutes(61);
        var late = await browser.Http.GetAsync("/api/auth/me");
        clock.Offset = TimeSpan.Zero;

        Assert.Equal(HttpStatusCode.Unauthorized, late.StatusCode);
    }

    [Fact]
    public async Task A_locked_account_and_an_unknown_email_get_the_same_answer()
    {
        using var http = Client("10.0.0.3");
        for (var i = 0; i < 3; i++)
        {
            await http.PostAsJsonAsync("/api/auth/login", new { email = "locked@session.example", password = "wrong-password" });
        }

        var locked = await http.PostAsJsonAsync("/api/auth/login", new { email = "locked@session.example", password = Password });
        var unknown = await http.PostAsJsonAsync("/api/auth/login", new { email = "nobody@session.example", password = Password });

        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        Assert.Equal(unknown.StatusCode, locked.StatusCode);
        Assert.Equal(Detail(await unknown.Content.ReadAsStringAsync()), Detail(await locked.Content.ReadAsStringAsync()));
        Assert.DoesNotContain("lockedOutUntil", await locked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_address_gets_429_after_its_sign_in_attempts_while_another_address_still_signs_in()
    {
        using var guesser = Client("10.0.0.4");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            // An unknown e-mail, so no account gets locked by the guessing itself.
            statuses.Add((await guesser.PostAsJsonAsync("/api/auth/login", new { email = "guessed@session.example", password = $"guess-{i}" })).StatusCode);
        }

        var limited = await guesser.PostAsJsonAsync("/api/auth/login", new { email = "ada@session.example", password = Password });

        Assert.All(statuses.Take(5), s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[5]);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.NotNull(limited.Headers.RetryAfter);
        using var other = await SignInAsync("ada@session.example", "10.0.0.5");
        Assert.Equal(HttpStatusCode.OK, (await other.Http.GetAsync("/api/auth/me")).StatusCode);
    }

    [Theory]
    [InlineData("/conversations", "/conversations")]
    [InlineData("/", "/")]
    [InlineData("/\t/evil.example", "/")]
    [InlineData("//evil.example", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData(null, "/")]
    public void The_return_url_after_single_sign_on_is_a_local_path_or_home(string? returnUrl, string expected) =>
        Assert.Equal(expected, AuthEndpoints.SafeReturnUrl(returnUrl));

    private async Task<SignedInClient> SignInAsync(string email, string address)
    {
        var client = await app.SignInAsync();
        client.Http.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        (await client.Http.PostAsJsonAsync("/api/auth/login", new { email, password = Password })).EnsureSuccessStatusCode();
        return client;
    }

    private HttpClient Client(string address)
    {
        var http = new HttpClient { BaseAddress = app.BaseAddress };
        http.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return http;
    }

    private HttpClient WithCookie(string cookieHeader)
    {
        var http = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = app.BaseAddress };
        http.DefaultRequestHeaders.Add("Cookie", cookieHeader);
        return http;
    }

    private static string? Detail(string body) => JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString();
}

using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using KnowledgeBase.Tests.Integration.Support;

namespace KnowledgeBase.Tests.Integration.LoadTests;

/// <summary>
/// Every k6 script in loadtests/k6 runs a few iterations under Node (loadtests/shim: k6's modules on fetch and
/// the ws package) against the real server: a framing, auth or event-name mistake fails a check here instead
/// of a user's load test. Latency thresholds are not judged (this is no load test); every other threshold is.
/// </summary>
[Collection(SharedApp.Name)]
public sealed class K6ScriptTests(AppFixture fixture)
{
    private static readonly string LoadTests = Path.Combine(RepositoryPaths.Root, "loadtests");

    public enum Auth
    {
        ApiKey,
        Cookie,
        Password,
    }

    [Theory]
    [InlineData("chat-hub.js", Auth.ApiKey, 3, new[] { "kb_time_to_first_citation", "kb_time_to_first_token", "kb_time_to_done" })]
    [InlineData("ask-http.js", Auth.Password, 3, new[] { "kb_time_to_done" })]
    [InlineData("ask-sse.js", Auth.Cookie, 3, new[] { "kb_time_to_first_citation", "kb_time_to_first_token", "kb_time_to_done" })]
    [InlineData("openai.js", Auth.ApiKey, 3, new[] { "kb_time_to_done" })]
    [InlineData("upload.js", Auth.Password, 1, new[] { "kb_time_to_ready" })]
    [InlineData("mixed.js", Auth.Password, 1, new[] { "kb_time_to_first_token", "kb_time_to_ready" })]
    public async Task A_k6_script_runs_against_the_real_server_with_every_check_passing(string script, Auth auth, int iterations, string[] measured)
    {
        var environment = await AuthenticationAsync(auth);
        environment["KB_BASE_URL"] = fixture.App.BaseAddress.ToString();
        environment["KB_THINK_MS"] = "50";
        environment["KB_ASKS_PER_CONNECTION"] = "2";
        // Every second hub question is stopped after its first token, so cancel is exercised too.
        environment["KB_CANCEL_EVERY"] = "2";
        environment["KB_UPLOAD_COLLECTION"] = "k6";
        environment["KB_UPLOAD_GROUPS"] = "k6-only";
        environment["KB_FILES"] = "2";

        var (exitCode, output, errors) = await RunShimAsync(script, iterations, environment);

        var summary = JsonDocument.Parse(output).RootElement;
        Assert.True(exitCode == 0, $"{script} failed under the shim:\n{output}\n{errors}");
        var checks = summary.GetProperty("checks").EnumerateObject().ToList();
        Assert.NotEmpty(checks);
        Assert.All(checks, c => Assert.Equal(0, c.Value.GetProperty("fails").GetInt32()));
        var metrics = summary.GetProperty("metrics");
        foreach (var name in measured)
        {
            Assert.True(metrics.TryGetProperty(name, out var metric) && metric.GetProperty("count").GetDouble() > 0, $"{script} recorded no {name}:\n{output}");
        }

        Assert.False(metrics.TryGetProperty("kb_answer_errors", out var answerErrors) && answerErrors.GetProperty("count").GetDouble() > 0, $"{script} counted answer errors:\n{output}");
    }

    private async Task<Dictionary<string, string>> AuthenticationAsync(Auth auth)
    {
        switch (auth)
        {
            case Auth.ApiKey:
                using (var admin = await fixture.App.SignInAsync(AppFixture.AdminEmail, AppFixture.Password))
                {
                    var created = await admin.Http.PostAsJsonAsync("/api/keys", new { name = "k6 shim", scopes = new[] { "ask" }, groups = new[] { "staff" } });
                    created.EnsureSuccessStatusCode();
                    return new() { ["KB_API_KEY"] = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()! };
                }

            case Auth.Cookie:
                using (var employee = await fixture.App.SignInAsync(AppFixture.EmployeeEmail, AppFixture.Password))
                {
                    return new() { ["KB_COOKIE"] = employee.CookieHeader };
                }

            default:
                return new() { ["KB_EMAIL"] = AppFixture.AdminEmail, ["KB_PASSWORD"] = AppFixture.Password };
        }
    }

    private static async Task<(int ExitCode, string Output, string Errors)> RunShimAsync(string script, int iterations, Dictionary<string, string> environment)
    {
        Assert.True(File.Exists(Path.Combine(LoadTests, "node_modules", "ws", "package.json")), "loadtests/node_modules is missing: run `npm ci` in loadtests (infra/dev/test.sh does).");
        var start = new ProcessStartInfo("node", [Path.Combine("shim", "run.mjs"), Path.Combine("k6", script), "--iterations", $"{iterations}", "--no-latency-thresholds"])
        {
            WorkingDirectory = LoadTests,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await errors);
    }
}

using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using KnowledgeBase.Tests.Integration.Support;
using Microsoft.AspNetCore.SignalR.Client;

namespace KnowledgeBase.Tests.Integration.Ingestion;

[Collection(SharedApp.Name)]
public sealed class IngestionHubTests(AppFixture fixture)
{
    [Fact]
    public async Task Admins_see_each_step_and_the_progress_of_an_upload_live()
    {
        using var admin = await fixture.App.SignInAsync(AppFixture.AdminEmail, AppFixture.Password);
        await using var hub = admin.Hub("/hubs/ingestion");
        var messages = new ConcurrentQueue<JsonElement>();
        hub.On<JsonElement>("progress", messages.Enqueue);
        await hub.StartAsync();

        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(await File.ReadAllBytesAsync(Path.Combine(RepositoryPaths.SampleDocs, "benefits-guide.pdf")));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "files", "benefits-copy.pdf");
        form.Add(new StringContent("hub"), "collection");
        // A group nobody else has: a public copy of the benefits guide would change other tests' citations.
        form.Add(new StringContent("hub-only"), "groups");
        var response = await admin.Http.PostAsync("/api/documents", form);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("documents")[0].GetProperty("documentId").GetGuid();

        var deadline = DateTime.UtcNow.AddSeconds(60);
        List<JsonElement> mine;
        while (true)
        {
            mine = messages.Where(m => m.GetProperty("documentId").GetGuid() == id).ToList();
            if (mine.Any(m => m.GetProperty("status").GetString() == "ready"))
            {
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, "no 'ready' progress message arrived");
            await Task.Delay(50);
        }

        var statuses = mine.Select(m => m.GetProperty("status").GetString()).Distinct().ToList();
        Assert.Equal(["parsing", "chunking", "embedding", "ready"], statuses);
        var percents = mine.Select(m => m.GetProperty("progress").GetInt32()).ToList();
        Assert.Equal(percents.Order(), percents);
        Assert.Equal(100, percents[^1]);
    }

    [Fact]
    public async Task Employees_cannot_listen_to_ingestion_progress()
    {
        using var employee = await fixture.App.SignInAsync(AppFixture.EmployeeEmail, AppFixture.Password);
        await using var hub = employee.Hub("/hubs/ingestion");

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => hub.StartAsync());

        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
    }
}

using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace KnowledgeBase.Tests.Integration.Support;

/// <summary>Uploads through <c>POST /api/documents</c> as the web UI sends them, and waits for the documents.</summary>
internal static class DocumentUploads
{
    /// <summary>The web UI's multipart body: each file in <c>files</c>, then <c>collection</c>, then <c>groups</c> only when there are any.</summary>
    public static MultipartFormDataContent Form(string? collection, IReadOnlyList<string> groups, params (string Name, byte[] Content)[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, content) in files)
        {
            var part = new ByteArrayContent(content);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(part, "files", name);
        }

        if (collection is not null)
        {
            form.Add(new StringContent(collection), "collection");
        }

        if (groups.Count > 0)
        {
            form.Add(new StringContent(string.Join(',', groups)), "groups");
        }

        return form;
    }

    public static MultipartFormDataContent Form(string? collection, params (string Name, byte[] Content)[] files) => Form(collection, [], files);

    /// <summary>Uploads one file and waits until it is ingested; returns its document id.</summary>
    public static async Task<Guid> UploadOneAsync(HttpClient http, string collection, string name, byte[] content, params string[] groups)
    {
        var response = await http.PostAsync("/api/documents", Form(collection, groups, (name, content)));
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("documents")[0].GetProperty("documentId").GetGuid();
        await WaitForDocumentsAsync(http, [id]);
        return id;
    }

    /// <summary>Waits until the document serves <paramref name="version"/> (a ready document stays ready while a new version runs).</summary>
    public static async Task<JsonElement> WaitForVersionAsync(HttpClient http, Guid id, int version)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            var document = await http.GetFromJsonAsync<JsonElement>($"/api/documents/{id}");
            if (document.GetProperty("version").GetInt32() >= version)
            {
                return document;
            }

            Assert.True(DateTime.UtcNow < deadline, $"version {version} of {id} was not ingested: {document}");
            await Task.Delay(200);
        }
    }

    public static async Task<List<JsonElement>> WaitForDocumentsAsync(HttpClient http, IEnumerable<Guid> ids)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            var documents = new List<JsonElement>();
            foreach (var id in ids)
            {
                documents.Add(await http.GetFromJsonAsync<JsonElement>($"/api/documents/{id}"));
            }

            if (documents.All(d => d.GetProperty("status").GetString() is "ready" or "failed"))
            {
                return documents;
            }

            Assert.True(DateTime.UtcNow < deadline, "documents did not finish: " + string.Join(", ", documents.Select(d => d.GetProperty("status").GetString())));
            await Task.Delay(200);
        }
    }
}

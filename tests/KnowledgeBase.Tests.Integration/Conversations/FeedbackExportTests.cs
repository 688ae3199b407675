using System.Net.Http.Json;
using System.Text.Json;
using KnowledgeBase.Tests.Integration.Support;

namespace KnowledgeBase.Tests.Integration.Conversations;

/// <summary>`kb eval feedback --export`: 👎-rated answers become ground-truth lines to review, so feedback feeds the evaluation.</summary>
[Collection(SharedApp.Name)]
public sealed class FeedbackExportTests(AppFixture fixture)
{
    [Fact]
    public async Task A_thumbs_down_answer_is_exported_with_its_comment_answer_and_sources_as_a_ground_truth_line()
    {
        using var client = await fixture.App.SignInAsync(AppFixture.EmployeeEmail, AppFixture.Password);
        var down = await client.AskAsync("How much is the FlexFit allowance?");
        var up = await client.AskAsync("What is the hotel cap in London?");
        await client.Http.PutAsJsonAsync($"/api/messages/{down.MessageId()}/feedback", new { rating = "down", comment = "Should say when it is paid" });
        await client.Http.PutAsJsonAsync($"/api/messages/{up.MessageId()}/feedback", new { rating = "up" });
        var file = Path.Combine(Directory.CreateTempSubdirectory("kb-feedback-").FullName, "feedback.jsonl");

        await KbProcess.RunSuccessfullyAsync(fixture.Database.ConnectionString, null, "eval", "feedback", "--export", file);

        var lines = File.ReadLines(file).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
        Assert.DoesNotContain(lines, l => l.GetProperty("messageId").GetGuid() == up.MessageId());
        var line = Assert.Single(lines, l => l.GetProperty("messageId").GetGuid() == down.MessageId());
        Assert.Equal("How much is the FlexFit allowance?", line.GetProperty("question").GetString());
        Assert.Equal(string.Empty, line.GetProperty("truth").GetString());
        Assert.Equal(down.GetProperty("answer").GetString(), line.GetProperty("answer").GetString());
        Assert.Equal("down", line.GetProperty("rating").GetString());
        Assert.Equal("Should say when it is paid", line.GetProperty("comment").GetString());
        Assert.Contains(line.GetProperty("cited").EnumerateArray(), s => s.GetString()!.Contains("benefits-guide.pdf#page=3", StringComparison.Ordinal));
    }
}

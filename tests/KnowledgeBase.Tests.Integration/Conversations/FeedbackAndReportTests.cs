using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using KnowledgeBase.Tests.Integration.Support;

namespace KnowledgeBase.Tests.Integration.Conversations;

[Collection(SharedApp.Name)]
public sealed class FeedbackAndReportTests(AppFixture fixture)
{
    [Fact]
    public async Task Feedback_is_stored_replaced_on_re_rating_and_shown_in_the_admin_report_and_its_csv()
    {
        using var client = await fixture.App.SignInAsync(AppFixture.EmployeeEmail, AppFixture.Password);
        using var admin = await fixture.App.SignInAsync(AppFixture.AdminEmail, AppFixture.Password);
        var answer = await client.AskAsync("What is the hotel cap in London?");
        var comment = "=HYPERLINK(\"http://evil.example\",\"click\"), and\na second line";

        var first = await client.Http.PutAsJsonAsync($"/api/messages/{answer.MessageId()}/feedback", new { rating = "up" });
        var second = await client.Http.PutAsJsonAsync($"/api/messages/{answer.MessageId()}/feedback", new { rating = "down", comment });
        var conversation = await client.Http.GetFromJsonAsync<JsonElement>($"/api/conversations/{answer.ConversationId()}");
        var down = await admin.Http.GetFromJsonAsync<JsonElement>("/api/admin/feedback?rating=down");
        var up = await admin.Http.GetFromJsonAsync<JsonElement>("/api/admin/feedback?rating=up");
        var csvResponse = await admin.Http.GetAsync("/api/admin/feedback.csv");
        var csv = await csvResponse.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, second.StatusCode);
        var feedback = conversation.GetProperty("messages")[1].GetProperty("feedback");
        Assert.Equal("down", feedback.GetProperty("rating").GetString());
        Assert.Equal(comment, feedback.GetProperty("comment").GetString());

        var item = Assert.Single(down.EnumerateArray(), f => f.GetProperty("messageId").GetGuid() == answer.MessageId());
        Assert.Equal("What is the hotel cap in London?", item.GetProperty("question").GetString());
        Assert.Equal(answer.GetProperty("answer").GetString(), item.GetProperty("answer").GetString());
        Assert.Equal(AppFixture.EmployeeEmail, item.GetProperty("user").GetString());
        Assert.Equal(comment, item.GetProperty("comment").GetString());
        Assert.DoesNotContain(up.EnumerateArray(), f => f.GetProperty("messageId").GetGuid() == answer.MessageId());

        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("attachment", csvResponse.Content.Headers.ContentDisposition?.ToString(), StringComparison.Ordinal);
        // Quoted (comma, quotes, line break), quotes doubled, and the formula neutralised by a leading apostrophe.
        Assert.Contains(",down,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\"), and\na second line\",", csv, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sideways", null, "\"up\" or \"down\"")]
    [InlineData(null, null, "\"up\" or \"down\"")]
    [InlineData("up", 2001, "too long")]
    public async Task Bad_feedback_is_a_400_problem_and_changes_nothing(string? rating, int? commentLength, string expected)
    {
        using var client = await fixture.App.SignInAsync(AppFixture.EmployeeEmail, AppFixture.Password);
        var answer = await client.AskAsync("What is the hotel cap in London?");

        var response = await client.Http.PutAsJsonAsync($"/api/messages/{answer.MessageId()}/feedback",
            new { rating, comment = commentLength is { } n ? new string('x', n) : null });
        var conversation = await client.Http.GetFromJsonAsync<JsonElement>($"/api/conversations/{answer.ConversationId()}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, conversation.GetProperty("messages")[1].GetProperty("feedback").ValueKind);
    }

    [Fact]
    public async Task A_question_cannot_be_rated_only_an_answer()
    {
        using var client = await fixture.App.SignInAsync(AppFixture.EmployeeEmail, AppFixture.Password);
        var answer = await client.AskAsync("What is the hotel cap in London?");
        var conversation = await client.Http.GetFromJsonAsync<JsonElement>($"/api/conversations/{answer.ConversationId()}");
        var questionId = conversation.GetProperty("messages")[0].GetProperty("id").GetGuid();

        var response = await client.Http.PutAsJsonAsync($"/api/messages/{questionId}/feedback", new { rating = "up" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task The_usage_report_counts_answers_by_day_model_user_and_collection_and_lists_each_in_the_csv()
    {
        using var client = await fixture.App.SignInAsync(AppFixture.HrEmail, AppFixture.Password);
        using var admin = await fixture.App.SignInAsync(AppFixture.AdminEmail, AppFixture.Password);
        var before = await admin.Http.GetFromJsonAsync<JsonElement>("/api/admin/usage");
        var answer = await client.AskAsync("What is the 2026 salary review budget?");

        var after = await admin.Http.GetFromJsonAsync<JsonElement>("/api/admin/usage");
        var bytes = await admin.Http.GetByteArrayAsync("/api/admin/usage.csv");
        var csv = System.Text.Encoding.UTF8.GetString(bytes.AsSpan(3));

        static long Questions(JsonElement report, string breakdown, string key, string value) =>
            report.GetProperty(breakdown).EnumerateArray().Where(x => x.GetProperty(key).ToString() == value)
                .Sum(x => x.GetProperty("questions").GetInt64());
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(before.GetProperty("totals").GetProperty("questions").GetInt64() + 1, after.GetProperty("totals").GetProperty("questions").GetInt64());
        Assert.Equal(Questions(before, "byDay", "day", today) + 1, Questions(after, "byDay", "day", today));
        Assert.Equal(Questions(before, "byUser", "user", AppFixture.HrEmail) + 1, Questions(after, "byUser", "user", AppFixture.HrEmail));
        Assert.Equal(Questions(before, "byModel", "model", "extractive") + 1, Questions(after, "byModel", "model", "extractive"));
        Assert.Equal(0, after.GetProperty("totals").GetProperty("inputTokens").GetInt64());

        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.StartsWith("created_at,user_id,user,conversation_id,message_id", lines[0], StringComparison.Ordinal);
        var row = Assert.Single(lines, l => l.Contains(answer.MessageId().ToString(), StringComparison.Ordinal));
        Assert.Contains($",{AppFixture.HrEmail},", row, StringComparison.Ordinal);
        Assert.Contains(",extractive,extractive,false,completed,0,0,0,", row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reversed_date_range_is_a_400_problem()
    {
        using var admin = await fixture.App.SignInAsync(AppFixture.AdminEmail, AppFixture.Password);

        var response = await admin.Http.GetAsync("/api/admin/usage?from=2026-11-27&to=2026-11-01");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("after", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/admin/usage")]
    [InlineData("/api/admin/usage.csv")]
    [InlineData("/api/admin/feedback")]
    [InlineData("/api/admin/feedback.csv")]
    public async Task Employees_get_403_and_anonymous_callers_401_on_reports(string path)
    {
        using var employee = await fixture.App.SignInAsync(AppFixture.EmployeeEmail, AppFixture.Password);
        using var anonymous = await fixture.App.SignInAsync();

        Assert.Equal(HttpStatusCode.Forbidden, (await employee.Http.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.Http.GetAsync(path)).StatusCode);
    }
}

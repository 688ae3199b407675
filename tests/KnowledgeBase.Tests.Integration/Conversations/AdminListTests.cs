using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using KnowledgeBase.Tests.Integration.Support;

namespace KnowledgeBase.Tests.Integration.Conversations;

/// <summary>Admin lists filter and page on the server: the body is one page, X-Total-Count says how many matched.</summary>
[Collection(SharedApp.Name)]
public sealed class AdminListTests(AppFixture fixture)
{
    [Fact]
    public async Task Feedback_filters_by_rating_and_day_pages_with_a_total_and_opens_the_rated_turn_with_its_sources()
    {
        using var employee = await fixture.App.SignInAsync(AppFixture.EmployeeEmail, AppFixture.Password);
        using var admin = await fixture.App.SignInAsync(AppFixture.AdminEmail, AppFixture.Password);
        var liked = await employee.AskAsync("What is the hotel cap in London?");
        var disliked = await employee.AskAsync("How much is the FlexFit allowance?");
        var unrated = await employee.AskAsync("How many days of remote work are allowed?");
        await employee.Http.PutAsJsonAsync($"/api/messages/{liked.MessageId()}/feedback", new { rating = "up" });
        await employee.Http.PutAsJsonAsync($"/api/messages/{disliked.MessageId()}/feedback", new { rating = "down", comment = "Say when it is paid." });
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var downToday = await admin.Http.GetAsync($"/api/admin/feedback?rating=down&from={today}&to={today}&limit=1");
        var secondPage = await admin.Http.GetAsync("/api/admin/feedback?offset=1&limit=1");
        var tomorrowOn = await admin.Http.GetFromJsonAsync<JsonElement>($"/api/admin/feedback?from={DateTime.UtcNow.AddDays(1):yyyy-MM-dd}");
        var turn = await admin.Http.GetFromJsonAsync<JsonElement>($"/api/admin/feedback/{disliked.MessageId()}");
        var notRated = await admin.Http.GetAsync($"/api/admin/feedback/{unrated.MessageId()}");
        var asEmployee = await employee.Http.GetAsync($"/api/admin/feedback/{disliked.MessageId()}");

        var page = await downToday.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(disliked.MessageId(), Assert.Single(page.EnumerateArray()).GetProperty("messageId").GetGuid());
        Assert.True(int.Parse(downToday.Headers.GetValues("X-Total-Count").Single(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        // Newest first: the second item of all ratings is the earlier "up".
        Assert.Equal(liked.MessageId(), Assert.Single((await secondPage.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray()).GetProperty("messageId").GetGuid());
        Assert.Empty(tomorrowOn.EnumerateArray());

        Assert.Equal("How much is the FlexFit allowance?", turn.GetProperty("question").GetString());
        Assert.Equal(disliked.GetProperty("answer").GetString(), turn.GetProperty("answer").GetString());
        Assert.Equal("down", turn.GetProperty("rating").GetString());
        Assert.Equal("Say when it is paid.", turn.GetProperty("comment").GetString());
        Assert.Equal(disliked.ConversationId(), turn.GetProperty("conversationId").GetGuid());
        Assert.NotEmpty(turn.GetProperty("citations").EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, notRated.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, asEmployee.StatusCode);
    }

    [Theory]
    [InlineData("/api/admin/feedback?from=2026-13-01", "'from'")]
    [InlineData("/api/admin/feedback?to=yesterday", "'to'")]
    [InlineData("/api/admin/feedback?from=2026-11-27&to=2026-11-01", "after")]
    [InlineData("/api/admin/feedback?limit=0", "'limit'")]
    [InlineData("/api/admin/feedback?offset=-1", "'offset'")]
    [InlineData("/api/admin/feedback.csv?rating=maybe", "\"up\" or \"down\"")]
    [InlineData("/api/users?limit=9999", "'limit'")]
    [InlineData("/api/documents?limit=0", "'limit'")]
    [InlineData("/api/users?offset=x", "'offset'")]
    public async Task Bad_filters_and_pages_are_400_problems_naming_the_parameter(string path, string expected)
    {
        using var admin = await fixture.App.SignInAsync(AppFixture.AdminEmail, AppFixture.Password);

        var response = await admin.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/users")]
    [InlineData("/api/documents")]
    public async Task Users_and_documents_come_a_page_at_a_time_with_the_total(string path)
    {
        using var admin = await fixture.App.SignInAsync(AppFixture.AdminEmail, AppFixture.Password);

        var first = await admin.Http.GetAsync($"{path}?limit=2");
        var all = await admin.Http.GetFromJsonAsync<JsonElement>(path);
        var rest = await admin.Http.GetFromJsonAsync<JsonElement>($"{path}?offset=2");

        var total = int.Parse(first.Headers.GetValues("X-Total-Count").Single(), System.Globalization.CultureInfo.InvariantCulture);
        var page = await first.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(all.GetArrayLength(), total);
        Assert.Equal(2, page.GetArrayLength());
        Assert.Equal(total - 2, rest.GetArrayLength());
        Assert.Equal(Ids(all).Take(2), Ids(page));
        Assert.Equal(Ids(all).Skip(2), Ids(rest));
    }

    private static IEnumerable<string?> Ids(JsonElement items) => items.EnumerateArray().Select(i => i.GetProperty("id").GetString());
}

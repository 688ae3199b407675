using System.Text.Json;
using System.Text.RegularExpressions;
using KnowledgeBase.Tests.Integration.Support;
using KnowledgeBase.Tests.Shared;
using Microsoft.Playwright;

namespace KnowledgeBase.Tests.Integration.Browser;

/// <summary>
/// The product's whole loop through the browser: an admin publishes a PDF to one group, a member
/// asks and reads the cited page and rates the answer, the admin reads the rating, and a member of
/// another group cannot see the document at all.
/// </summary>
[Collection(SharedApp.Name)]
public sealed partial class EndToEndInBrowserTests(StreamingAnswerApp fixture, BrowserFixture browsers) : IClassFixture<StreamingAnswerApp>
{
    private const string Title = "Harbour Lights Volunteer Handbook";
    private const string Question = "How much is the lighthouse volunteer travel stipend?";

    // Records, in the page, when the sources and the first answer text appear, and what the answer held when the sources did.
    private const string WatchOrder = """
        () => {
          window.kbOrder = {};
          new MutationObserver(() => {
            const o = window.kbOrder, now = performance.now();
            const answer = document.getElementById('answer');
            if (o.citationsAt === undefined && document.querySelector('#citations li')) {
              o.citationsAt = now;
              o.answerWhenCitations = answer ? answer.textContent : '';
            }
            if (o.tokensAt === undefined && answer && answer.textContent.trim() !== '') o.tokensAt = now;
          }).observe(document.body, { subtree: true, childList: true, characterData: true });
        }
        """;

    [Fact]
    public async Task An_admin_publishes_a_pdf_to_a_group_whose_member_gets_a_cited_streamed_answer_and_rates_it_while_another_group_sees_nothing()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var group = $"lighthouse-{suffix}";
        var otherGroup = $"harbour-office-{suffix}";
        var member = $"keeper-{suffix}@test.example";
        var outsider = $"clerk-{suffix}@test.example";
        const string comment = "It should say when the stipend is paid.";

        var admin = await browsers.NewPageAsync(fixture.App.BaseAddress);
        await Screens.SignInAsync(admin, StreamingAnswerApp.AdminEmail);
        await admin.GetByRole(AriaRole.Link, new() { Name = "Admin" }).ClickAsync();

        // Groups and users, created in the Users & access screen.
        await admin.GetByRole(AriaRole.Link, new() { Name = "Users & access" }).ClickAsync();
        foreach (var name in new[] { group, otherGroup })
        {
            await admin.GetByLabel("Group name").FillAsync(name);
            await admin.GetByRole(AriaRole.Button, new() { Name = "Create group" }).ClickAsync();
            await Assertions.Expect(admin.Locator(".group-list")).ToContainTextAsync(name);
        }

        foreach (var (email, groups) in new[] { (member, group), (outsider, otherGroup) })
        {
            var form = admin.GetByRole(AriaRole.Form, new() { Name = "Create user" });
            await form.GetByLabel("Email").FillAsync(email);
            await form.GetByLabel("Initial password").FillAsync(AppFixture.Password);
            await form.GetByLabel("Role").SelectOptionAsync("Employee");
            await form.GetByLabel("Groups").FillAsync(groups);
            await form.GetByRole(AriaRole.Button, new() { Name = "Create user" }).ClickAsync();
            await Assertions.Expect(admin.GetByRole(AriaRole.Row).Filter(new() { HasText = email })).ToContainTextAsync(groups);
        }

        // Upload, watch the status arrive live, then give the document to one group by editing its row.
        await admin.GetByRole(AriaRole.Link, new() { Name = "Documents" }).ClickAsync();
        await admin.GetByLabel("Choose files to upload").SetInputFilesAsync(new FilePayload
        {
            Name = $"harbour-lights-{suffix}.pdf",
            MimeType = "application/pdf",
            Buffer = HandbookPdf(),
        });
        var row = admin.Locator("#documents-table tr", new() { HasText = Title });
        await Assertions.Expect(row.Locator(".status-pill")).ToHaveTextAsync("ready", new() { Timeout = 30_000 });
        await Assertions.Expect(row).ToContainTextAsync("everyone");
        await row.GetByRole(AriaRole.Button, new() { Name = $"Edit {Title}" }).ClickAsync();
        await row.GetByRole(AriaRole.Group, new() { Name = $"Access groups of {Title}" }).GetByRole(AriaRole.Checkbox, new() { Name = group }).CheckAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(row.Locator(".tag")).ToHaveTextAsync(group);

        // The member asks: the sources are on screen before the first token.
        var reader = await browsers.NewPageAsync(fixture.App.BaseAddress);
        await Screens.SignInAsync(reader, member);
        await reader.EvaluateAsync(WatchOrder);
        await reader.FillAsync("#question", Question);
        await reader.ClickAsync("#ask");
        await Assertions.Expect(reader.Locator("#citations")).ToContainTextAsync(Title);
        await Assertions.Expect(reader.Locator("#answer")).ToContainTextAsync("travel stipend");
        var order = await reader.EvaluateAsync<JsonElement>("() => window.kbOrder");
        Assert.Equal(string.Empty, order.GetProperty("answerWhenCitations").GetString());
        Assert.True(order.GetProperty("citationsAt").GetDouble() < order.GetProperty("tokensAt").GetDouble(), $"Sources must show before tokens: {order}");

        await Assertions.Expect(reader.Locator("#citations")).ToContainTextAsync($"{Title} \u2014 p. 3");
        var citation = reader.Locator("#citations li", new() { HasText = $"{Title} \u2014 p. 3" });
        await citation.GetByRole(AriaRole.Button).ClickAsync();
        var panel = reader.GetByRole(AriaRole.Complementary, new() { Name = Title });
        // The panel shows the passage with the sentence the answer used highlighted, not just a snippet.
        await Assertions.Expect(panel.Locator("mark.cited-sentence")).ToContainTextAsync("travel stipend");
        var link = panel.GetByRole(AriaRole.Link, new() { Name = "Open at page 3" });
        await Assertions.Expect(link).ToHaveAttributeAsync("href", new Regex(@"^/api/documents/[0-9a-f-]{36}/content#page=3$"));
        var content = (await link.GetAttributeAsync("href"))!.Split('#')[0];
        var pdf = await reader.APIRequest.GetAsync(content);
        Assert.Equal(200, pdf.Status);
        Assert.Equal("application/pdf", pdf.Headers["content-type"].Split(';')[0]);
        Assert.Equal(HandbookPdf().Length, (await pdf.BodyAsync()).Length);

        await reader.GetByRole(AriaRole.Button, new() { Name = "Not helpful" }).ClickAsync();
        await reader.GetByLabel("Comment (optional)").FillAsync(comment);
        await reader.GetByRole(AriaRole.Button, new() { Name = "Send comment" }).ClickAsync();
        await Assertions.Expect(reader.GetByText("Comment saved.")).ToBeVisibleAsync();

        // The admin reads the rating.
        await admin.GetByRole(AriaRole.Link, new() { Name = "Feedback" }).ClickAsync();
        var rated = admin.GetByRole(AriaRole.Row).Filter(new() { HasText = Question });
        await Assertions.Expect(rated).ToContainTextAsync(comment);
        await Assertions.Expect(rated).ToContainTextAsync(member);
        await Assertions.Expect(rated.GetByLabel("Not helpful")).ToBeVisibleAsync();

        // A member of another group asks the same: the document is neither cited nor readable.
        var stranger = await browsers.NewPageAsync(fixture.App.BaseAddress);
        await Screens.SignInAsync(stranger, outsider);
        await stranger.FillAsync("#question", Question);
        await stranger.ClickAsync("#ask");
        await Assertions.Expect(stranger.Locator(".answer-footer")).ToBeVisibleAsync();
        await Assertions.Expect(stranger.Locator(".transcript")).Not.ToContainTextAsync(Title);
        Assert.Equal(404, (await stranger.APIRequest.GetAsync(content)).Status);
    }

    /// <summary>Three full pages; only the third says what the stipend is, late enough that its widened passage stays on that page.</summary>
    private static byte[] HandbookPdf() => TestPdf.Build(
        Title,
        [
            "Welcome to the Harbour Lights volunteer programme.",
            .. Filler("Volunteers keep the old harbour lights clean, guide visitors up the tower stairs and log the weather."),
        ],
        [
            "Shifts and safety",
            .. Filler("Every shift starts with the tower safety walk, and the radio stays on channel sixteen all day."),
        ],
        [
            "Getting to the tower",
            .. Filler("Volunteers who drive to the tower park behind the boathouse and sign the visitor book at the gate.", 28),
            "Every lighthouse volunteer receives a travel stipend of 275 EUR per quarter for trips to the tower.",
            "The stipend is paid with the March, June, September and December payroll.",
            .. Filler("The tower shop sells postcards, and each shift may take one free map of the coastal path home.", 6),
        ]);

    private static IEnumerable<string> Filler(string sentence, int lines = 18) => Enumerable.Repeat(sentence, lines);
}

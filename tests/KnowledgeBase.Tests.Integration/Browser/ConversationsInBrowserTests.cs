using System.Text.RegularExpressions;
using KnowledgeBase.Infrastructure.Identity;
using KnowledgeBase.Tests.Integration.Support;
using Microsoft.Playwright;

namespace KnowledgeBase.Tests.Integration.Browser;

/// <summary>
/// Conversations a reader can return to: the first screen's suggestions, /c/{id} addresses that survive reload and
/// back/forward, the title in the toolbar, rename and search, copy, regenerate and edit-and-resend, the composer's keys.
/// </summary>
[Collection(SharedApp.Name)]
public sealed class ConversationsInBrowserTests(AppFixture fixture, BrowserFixture browsers)
{
    private static readonly Regex ConversationUrl = new(@"/c/[0-9a-f-]{36}$");

    [Fact]
    public async Task A_suggested_question_starts_a_conversation_whose_address_title_and_answers_survive_reload_regenerate_and_edit()
    {
        var page = await browsers.NewPageAsync(fixture.App.BaseAddress);
        await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        await Screens.SignInAsync(page, AppFixture.EmployeeEmail);

        // The first screen says what the reader's knowledge base holds and offers questions from it.
        var welcome = page.Locator("#welcome");
        await Assertions.Expect(welcome).ToContainTextAsync(new Regex(@"Your knowledge base holds \d+ documents"));
        var suggestions = welcome.GetByRole(AriaRole.Region, new() { Name = "Try asking" }).GetByRole(AriaRole.Button);
        Assert.InRange(await suggestions.CountAsync(), 3, 4);
        await Screens.CheckAsync(page, "employee-first-screen");
        var question = (await suggestions.First.Locator(".suggestion-question").TextContentAsync())!;
        Assert.DoesNotContain("Salary review", await welcome.TextContentAsync(), StringComparison.OrdinalIgnoreCase);

        await suggestions.First.ClickAsync();
        await Assertions.Expect(page.Locator(".answer-footer")).ToBeVisibleAsync();
        await Assertions.Expect(page).ToHaveURLAsync(ConversationUrl);
        var address = page.Url;
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(question);

        // Copy: the answer, then its sources as a list.
        await page.GetByRole(AriaRole.Button, new() { Name = "Copy answer" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Copied")).ToBeVisibleAsync();
        var copied = await page.EvaluateAsync<string>("() => navigator.clipboard.readText()");
        Assert.StartsWith((await page.Locator("#answer").InnerTextAsync()).Trim()[..20], copied, StringComparison.Ordinal);
        Assert.Matches(@"\n\nSources:\n\[\d+\] ", copied);

        // Regenerate replaces the answer; after a reload the conversation still has one question.
        await page.GetByRole(AriaRole.Button, new() { Name = "Regenerate" }).ClickAsync();
        await Assertions.Expect(page.Locator(".answer-footer")).ToBeVisibleAsync();
        await page.ReloadAsync();
        Assert.Equal(address, page.Url);
        await Assertions.Expect(page.Locator(".question")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator(".question")).ToContainTextAsync(question);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(question);

        // Edit and resend the last question.
        await page.GetByRole(AriaRole.Button, new() { Name = "Edit question" }).ClickAsync();
        await page.GetByLabel("Edit your question").FillAsync("How much is the FlexFit allowance?");
        await page.GetByLabel("Edit your question").PressAsync("Enter");
        await Assertions.Expect(page.Locator("#answer")).ToContainTextAsync("600 EUR");
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator(".question")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator(".question")).ToContainTextAsync("How much is the FlexFit allowance?");
        await Screens.CheckAsync(page, "employee-conversation");
    }

    [Fact]
    public async Task Conversations_are_renamed_and_searched_in_the_sidebar_and_back_and_forward_move_between_them()
    {
        var page = await browsers.NewPageAsync(fixture.App.BaseAddress);
        await Screens.SignInAsync(page, AppFixture.EmployeeEmail);
        var marker = $"Travel {Guid.NewGuid():N}"[..15];
        // A question of its own: other tests of the shared app's employee ask about the hotel cap too.
        var question = $"What is the hotel cap in London ({Guid.NewGuid():N}"[..41] + ")?";
        await page.FillAsync("#question", question);
        await page.PressAsync("#question", "Enter");
        await Assertions.Expect(page).ToHaveURLAsync(ConversationUrl);
        var hotels = page.Url;

        var sidebar = page.GetByRole(AriaRole.Navigation, new() { Name = "Conversations" });
        await sidebar.GetByRole(AriaRole.Button, new() { Name = $"Rename conversation {question}" }).First.ClickAsync();
        await sidebar.GetByLabel($"New title for {question}").FillAsync(marker);
        await sidebar.GetByLabel($"New title for {question}").PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(marker);

        await sidebar.GetByLabel("Search conversations").FillAsync(marker);
        var found = sidebar.Locator(".conversation-list").GetByRole(AriaRole.Link);
        await Assertions.Expect(found).ToHaveCountAsync(1);
        await Assertions.Expect(found).ToContainTextAsync(marker);
        await sidebar.GetByLabel("Search conversations").FillAsync("no conversation says this");
        await Assertions.Expect(sidebar).ToContainTextAsync("No conversations match");
        await Screens.CheckAsync(page, "employee-conversation-search");
        await sidebar.GetByLabel("Search conversations").FillAsync(string.Empty);

        await page.GetByRole(AriaRole.Link, new() { Name = "New chat", Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/$"));
        await Assertions.Expect(page.Locator("#welcome")).ToBeVisibleAsync();
        await page.GoBackAsync();
        Assert.Equal(hotels, page.Url);
        await Assertions.Expect(page.Locator(".question")).ToContainTextAsync(question);
        await page.GoForwardAsync();
        await Assertions.Expect(page.Locator("#welcome")).ToBeVisibleAsync();

        // A conversation that is not the reader's is "not found", like a missing one.
        await page.GotoAsync($"/c/{Guid.NewGuid()}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Conversation not found");
    }

    [Fact]
    public async Task The_composer_grows_with_its_text_enter_sends_slash_focuses_and_a_not_found_answer_names_the_closest_documents()
    {
        var page = await browsers.NewPageAsync(fixture.App.BaseAddress);
        await Screens.SignInAsync(page, AppFixture.EmployeeEmail);
        var box = page.Locator("#question");
        var oneLine = (await box.BoundingBoxAsync())!.Height;
        await box.FillAsync("line\nline\nline\nline");
        var fourLines = (await box.BoundingBoxAsync())!.Height;
        await box.FillAsync(string.Join("\n", Enumerable.Repeat("line", 40)));
        var capped = (await box.BoundingBoxAsync())!.Height;
        Assert.True(fourLines > oneLine + 30, $"grows: {oneLine} → {fourLines}");
        Assert.InRange(capped, fourLines, 242);

        await box.FillAsync(string.Empty);
        await page.Locator("#welcome h2").ClickAsync();
        await page.Keyboard.PressAsync("/");
        await Assertions.Expect(box).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("What is the capital of Mongolia?");
        await page.Keyboard.PressAsync("Enter");

        var answer = page.Locator(".answer.is-not-found");
        await Assertions.Expect(answer).ToContainTextAsync("Closest documents:");
        await Assertions.Expect(answer.Locator(".sources-title")).ToHaveTextAsync("Closest passages");
        await Screens.CheckAsync(page, "employee-not-found-answer");
    }

    /// <summary>The shared app holds public documents everyone reads: this needs a knowledge base of its own, still empty.</summary>
    [Fact]
    public async Task A_reader_whose_groups_hold_no_documents_gets_a_friendly_first_screen_without_suggestions()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var app = new KnowledgeBaseApp(database.ConnectionString);
        await app.AddUserAsync(AppFixture.EmployeeEmail, AppFixture.Password, Roles.Employee, "staff");
        var page = await browsers.NewPageAsync(app.BaseAddress);
        await Screens.SignInAsync(page, AppFixture.EmployeeEmail);

        var welcome = page.Locator("#welcome");
        await Assertions.Expect(welcome.GetByRole(AriaRole.Heading, new() { Level = 2 })).ToHaveTextAsync("Nothing to ask about yet");
        await Assertions.Expect(welcome).ToContainTextAsync("No documents are shared with your group (staff) yet.");
        await Assertions.Expect(welcome.GetByRole(AriaRole.Region, new() { Name = "Try asking" })).ToHaveCountAsync(0);
        await Screens.CheckAsync(page, "employee-first-screen-no-documents");
    }
}

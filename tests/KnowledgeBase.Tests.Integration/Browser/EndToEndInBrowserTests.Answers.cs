using KnowledgeBase.Tests.Integration.Support;
using Microsoft.Playwright;

namespace KnowledgeBase.Tests.Integration.Browser;

/// <summary>With a language model (the fake server): Markdown answers read well, and Escape stops one that is running.</summary>
public sealed partial class EndToEndInBrowserTests
{
    private const string MarkdownAnswer = "Two options [1]:\n\n| Option | Cost |\n|---|---|\n| Canteen soup | 3 EUR |\n| Friday menu | 5 EUR |\n\n- Soup on Tuesdays\n- Early close on Fridays\n";

    [Fact]
    public async Task A_markdown_answer_shows_its_table_and_list_and_escape_stops_an_answer_that_is_still_running()
    {
        var answer = fixture.Model.Answer;
        var delay = fixture.Model.Delay;
        try
        {
            fixture.Model.Answer = _ => MarkdownAnswer;
            var page = await browsers.NewPageAsync(fixture.App.BaseAddress);
            await Screens.SignInAsync(page, StreamingAnswerApp.AdminEmail);
            await page.FillAsync("#question", "What does the canteen serve and when does it close?");
            await page.PressAsync("#question", "Enter");
            var body = page.Locator("#answer");
            await Assertions.Expect(body.GetByRole(AriaRole.Table)).ToBeVisibleAsync();
            await Assertions.Expect(body.GetByRole(AriaRole.Cell, new() { Name = "Canteen soup" })).ToBeVisibleAsync();
            await Assertions.Expect(body.GetByRole(AriaRole.Listitem)).ToHaveTextAsync(["Soup on Tuesdays", "Early close on Fridays"]);
            await Assertions.Expect(page.Locator(".answer-footer")).ToBeVisibleAsync();
            await Screens.CheckAsync(page, "answer-markdown-table");

            // The next answer waits 30 s for its first token: Escape (focus anywhere) stops it.
            fixture.Model.Delay = TimeSpan.FromSeconds(30);
            await page.FillAsync("#question", "And on Saturdays?");
            await page.PressAsync("#question", "Enter");
            await Assertions.Expect(page.Locator("#stop")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("#citations li").First).ToBeVisibleAsync();
            await page.Locator(".chat-title").ClickAsync();
            await page.Keyboard.PressAsync("Escape");
            await Assertions.Expect(page.GetByText("Stopped.")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("#stop")).ToBeHiddenAsync();
            await Assertions.Expect(page.Locator("#regenerate")).ToBeVisibleAsync();
        }
        finally
        {
            fixture.Model.Answer = answer;
            fixture.Model.Delay = delay;
        }
    }
}

using KnowledgeBase.Tests.Integration.Browser;
using Microsoft.Playwright;

namespace KnowledgeBase.Tests.Integration.Guardrails;

/// <summary>What a reader and an admin see of the guardrails in the web UI (real Chromium, real host, fake model).</summary>
[Collection(GuardrailApp.Name)]
public sealed class GuardrailsInBrowserTests(GuardrailAppFixture fixture, BrowserFixture browsers)
{
    [Fact]
    public async Task A_reader_sees_redactions_marked_and_a_stopped_answer_explained_and_an_admin_sees_the_counts()
    {
        var page = await SignInAsync(GuardrailAppFixture.Email);

        // Redacted: the markers stand where the card number and the key were; neither reaches the page.
        fixture.Server.Reset();
        fixture.Server.Respond = _ => "Your card is 4111 1111 1111 1111 and the deploy key is AKIAIOSFODNN7EXAMPLE, see the runbook [1].";
        fixture.Server.Split = text => [text[..20], text[20..40], text[40..70], text[70..]];
        await page.FillAsync("#question", "How do I get a new deploy key?");
        await page.ClickAsync("#ask");
        var answer = page.Locator("#answer");
        await Assertions.Expect(answer.Locator("mark.redaction")).ToHaveCountAsync(2);
        await Assertions.Expect(answer.Locator("mark.redaction").First).ToHaveTextAsync("[redacted: card number]");
        await Assertions.Expect(page.Locator(".guardrail-note").Last).ToContainTextAsync("card number");
        Assert.DoesNotContain("4111", await page.ContentAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("AKIA", await page.ContentAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.Screenshot("guardrail-redacted"), FullPage = true });

        // Blocked: the answer stops before the key and says why.
        fixture.Server.Reset();
        fixture.Server.Respond = _ => "Here is the deploy key: -----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7b3 " + string.Join(' ', Enumerable.Repeat("QUJDREVGR0g=", 60));
        await page.FillAsync("#question", "Paste the deploy key, please.");
        await page.ClickAsync("#ask");
        await Assertions.Expect(page.Locator(".guardrail-note.is-blocked")).ToContainTextAsync("Answer stopped by a guardrail");
        Assert.DoesNotContain("BEGIN RSA", await page.ContentAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.Screenshot("guardrail-blocked"), FullPage = true });
        fixture.Server.Reset();

        // The admin's Guardrails screen counts what happened, by rule and day.
        var admin = await SignInAsync(GuardrailAppFixture.AdminEmail);
        await admin.GotoAsync("/admin/guardrails");
        var byRule = admin.GetByRole(AriaRole.Region, new() { Name = "Guardrail actions by rule" });
        await Assertions.Expect(byRule).ToContainTextAsync("pii.payment_card");
        await Assertions.Expect(byRule).ToContainTextAsync("secret.private_key");
        await Assertions.Expect(admin.GetByRole(AriaRole.Region, new() { Name = "Guardrail actions by day" })).ToContainTextAsync("secret.aws_key");
        await admin.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.Screenshot("admin-guardrails"), FullPage = true });
    }

    [Fact]
    public async Task A_reader_sees_an_unsupported_sentence_marked_live_and_after_reloading_the_conversation()
    {
        var page = await SignInAsync(GuardrailAppFixture.Email);
        fixture.Server.Reset();
        fixture.Server.Respond = _ => GroundednessGuardrailTests.Flagged;

        await page.FillAsync("#question", "Is unused FlexFit allowance paid out at the end of the year?");
        await page.ClickAsync("#ask");
        await AssertMarkedAsync(page);
        await Assertions.Expect(page.Locator(".guardrail-note").Last).ToContainTextAsync("unsupported sentence");
        await Screens.CheckAsync(page, "guardrail-unsupported");
        fixture.Server.Reset();

        // The stored conversation (GET /api/conversations/{id}) carries the flag: the marker is back after a reload.
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/c/"));
        await page.ReloadAsync();
        await AssertMarkedAsync(page);
    }

    private static async Task AssertMarkedAsync(IPage page)
    {
        var answer = page.Locator("#answer");
        await Assertions.Expect(answer.Locator("mark.unsupported")).ToHaveCountAsync(1);
        await Assertions.Expect(answer.Locator("mark.unsupported")).ToHaveTextAsync(GroundednessGuardrailTests.Unsupported);
        await Assertions.Expect(answer.Locator(".unsupported-tag")).ToHaveTextAsync("unsupported");
        await Assertions.Expect(answer).ToContainTextAsync(GroundednessGuardrailTests.Supported);
    }

    private async Task<IPage> SignInAsync(string email)
    {
        var page = await browsers.NewPageAsync(fixture.App.BaseAddress);
        await page.GotoAsync("/");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", GuardrailAppFixture.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.Locator("#question")).ToBeVisibleAsync();
        return page;
    }
}

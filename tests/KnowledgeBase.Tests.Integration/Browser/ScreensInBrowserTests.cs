using KnowledgeBase.Tests.Integration.Support;
using Microsoft.Playwright;

namespace KnowledgeBase.Tests.Integration.Browser;

/// <summary>
/// Every main screen of both roles, in use (an answer on screen, a source open, feedback in the
/// report): axe finds nothing serious or critical at desktop or phone width, and a screenshot of
/// each lands in artifacts/test-results/screenshots for a person to review.
/// </summary>
[Collection(SharedApp.Name)]
public sealed class ScreensInBrowserTests(AppFixture fixture, BrowserFixture browsers)
{
    [Fact]
    public async Task Every_main_screen_of_both_roles_has_no_serious_accessibility_violations_at_desktop_and_phone_widths()
    {
        var employee = await browsers.NewPageAsync(fixture.App.BaseAddress);
        await employee.GotoAsync("/");
        await Assertions.Expect(employee.GetByRole(AriaRole.Button, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await Screens.CheckAsync(employee, "sign-in");

        await Screens.SignInAsync(employee, AppFixture.EmployeeEmail);
        await Screens.CheckAsync(employee, "employee-chat-empty");
        await employee.FillAsync("#question", "How much is the FlexFit allowance?");
        await employee.ClickAsync("#ask");
        await Assertions.Expect(employee.Locator(".answer-footer")).ToBeVisibleAsync();
        await employee.Locator("#citations li").First.GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(employee.GetByRole(AriaRole.Complementary)).ToBeVisibleAsync();
        await Screens.CheckAsync(employee, "employee-chat-source");

        await employee.GetByRole(AriaRole.Button, new() { Name = "Close source" }).ClickAsync();
        await employee.GetByRole(AriaRole.Button, new() { Name = "Not helpful" }).ClickAsync();
        await employee.GetByLabel("Comment (optional)").FillAsync("Screens test: please name the claim deadline.");
        await employee.GetByRole(AriaRole.Button, new() { Name = "Send comment" }).ClickAsync();
        await Assertions.Expect(employee.GetByText("Comment saved.")).ToBeVisibleAsync();
        var conversations = employee.GetByRole(AriaRole.Navigation, new() { Name = "Conversations" });
        await Assertions.Expect(conversations).ToContainTextAsync("FlexFit");
        // On a phone the list is a drawer behind the toolbar button.
        await Screens.CheckAsync(employee, "employee-conversations", async phone =>
        {
            await phone.GetByRole(AriaRole.Button, new() { Name = "Conversations", Exact = true }).ClickAsync();
            await Assertions.Expect(conversations).ToBeInViewportAsync();
        });

        var admin = await browsers.NewPageAsync(fixture.App.BaseAddress);
        await Screens.SignInAsync(admin, AppFixture.AdminEmail);
        await Screens.CheckAsync(admin, "admin-chat");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Admin" }).ClickAsync();
        await Assertions.Expect(admin.Locator("#documents-table")).ToContainTextAsync("Benefits Guide 2025");
        await Screens.CheckAsync(admin, "admin-documents");

        await admin.GetByRole(AriaRole.Link, new() { Name = "Users & access" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Row).Filter(new() { HasText = AppFixture.HrEmail })).ToBeVisibleAsync();
        await Screens.CheckAsync(admin, "admin-users");

        await admin.GetByRole(AriaRole.Link, new() { Name = "Usage" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Table).Filter(new() { HasText = AppFixture.EmployeeEmail })).ToBeVisibleAsync();
        await Screens.CheckAsync(admin, "admin-usage");

        await admin.GetByRole(AriaRole.Link, new() { Name = "Feedback" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Row).Filter(new() { HasText = "please name the claim deadline" })).ToBeVisibleAsync();
        await Screens.CheckAsync(admin, "admin-feedback");
    }
}

using System.Text.Json;
using KnowledgeBase.Tests.Integration.Support;
using Microsoft.AspNetCore.SignalR.Client;

namespace KnowledgeBase.Tests.Integration.BadInput;

/// <summary>
/// The chat hub's <c>Ask</c> answers a bad argument with one clear <c>error</c> event, and the connection stays usable.
/// (An unpaired surrogate cannot be sent through the .NET client; the HTTP property test covers the shared JSON rules.)
/// </summary>
[Collection(SharedApp.Name)]
public sealed class HubBadInputTests(AppFixture fixture)
{
    [Theory]
    [InlineData("null", "not null")]
    [InlineData("42", "not a number")]
    [InlineData("\"What is FlexFit?\"", "not a string")]
    [InlineData("[]", "not an array")]
    [InlineData("""{"question": 12}""", "'$.question' must be a string")]
    [InlineData("""{"question": "a\u0000b"}""", "U+0000")]
    [InlineData("""{"question": "x", "conversationId": "not-a-guid"}""", "'$.conversationId' must be")]
    [InlineData("""{"question": "x", "collection": "CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC"}""", "'collection' is too long")]
    public async Task A_bad_ask_argument_is_one_error_event_naming_the_problem(string argument, string expected)
    {
        using var employee = await fixture.App.SignInAsync(AppFixture.EmployeeEmail, AppFixture.Password);
        await using var hub = employee.Hub();
        await hub.StartAsync();

        var events = new List<JsonElement>();
        await foreach (var e in hub.StreamAsync<JsonElement>("Ask", JsonDocument.Parse(argument).RootElement))
        {
            events.Add(e);
        }

        var error = Assert.Single(events);
        Assert.Equal("error", error.Type());
        Assert.Contains(expected, error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("done", (await ChatEvents.AskAsync(hub, "How much is the FlexFit allowance?"))[^1].Type());
    }
}

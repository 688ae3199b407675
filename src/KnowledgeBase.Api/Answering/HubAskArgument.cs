using System.Text.Json;
using KnowledgeBase.Api.BadInput;
using KnowledgeBase.Core.Answering;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace KnowledgeBase.Api.Answering;

/// <summary>
/// The hub's <c>Ask</c> argument arrives as raw JSON so a null, a number or a malformed object becomes a clear
/// <c>error</c> event naming the field, instead of SignalR's generic "error on the server". Read with the HTTP
/// API's JSON options, so the same <see cref="TextRules"/> apply.
/// </summary>
public sealed class HubAskArgument(IOptions<JsonOptions> json)
{
    public (AskRequest? Request, string? Problem) Read(JsonElement argument)
    {
        if (argument.ValueKind != JsonValueKind.Object)
        {
            return (null, $"Ask takes one object like {{\"question\": \"…\"}}, not {Describe(argument.ValueKind)}.");
        }

        try
        {
            var request = argument.Deserialize<AskRequest>(json.Value.SerializerOptions);
            return request is null ? (null, "Ask takes one object like {\"question\": \"…\"}.") : (request, request.Problem());
        }
        catch (JsonException e)
        {
            return (null, BadRequestDetail.FromJson(e).Message);
        }
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => "null",
        JsonValueKind.Number => "a number",
        JsonValueKind.String => "a string",
        JsonValueKind.Array => "an array",
        _ => "true or false",
    };
}

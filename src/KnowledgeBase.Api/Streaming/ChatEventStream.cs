using System.Text.Json;
using KnowledgeBase.Core.Answering;
using KnowledgeBase.Infrastructure.Data;
using Microsoft.Extensions.Options;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace KnowledgeBase.Api.Streaming;

public static class ChatEventStream
{
    /// <summary>
    /// An answer's events as server-sent events named by their type (the hub's JSON shape). A failure after
    /// the stream started ends it with an <c>error</c> event: the outage message and Retry-After when the
    /// database is unavailable.
    /// </summary>
    public static IResult Result(IAsyncEnumerable<ChatEvent> events, HttpContext http)
    {
        var json = http.RequestServices.GetRequiredService<IOptions<HttpJsonOptions>>().Value.SerializerOptions;
        var retryAfter = http.RequestServices.GetRequiredService<IOptions<DatabaseOptions>>().Value.RetryAfterSeconds;
        return new EventStreamResult<ChatEvent>(
            events,
            e => e.Type,
            e => JsonSerializer.Serialize(e, e.GetType(), json),
            e => [DatabaseOutage.IsOutage(e) ? DatabaseOutage.ErrorEvent(retryAfter) : new ErrorEvent("Something went wrong while answering; please try again.")]);
    }
}

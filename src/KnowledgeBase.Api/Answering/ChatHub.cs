using System.Runtime.CompilerServices;
using System.Text.Json;
using KnowledgeBase.Api.Conversations;
using KnowledgeBase.Api.Identity;
using KnowledgeBase.Api.RateLimiting;
using KnowledgeBase.Core.Answering;
using KnowledgeBase.Infrastructure.Conversations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace KnowledgeBase.Api.Answering;

/// <summary>
/// Streams answers: <c>retrieval</c>, <c>token</c>…, then <c>done</c> or <c>error</c>. Closing the stream
/// cancels the work. Refusals (rate limit, budget, someone else's conversation) are a single error event.
/// </summary>
[Authorize(Policy = Policies.Ask)]
public sealed class ChatHub(ConversationService conversations, AskRateLimiter limiter, HubAskArgument arguments) : Hub
{
    public async IAsyncEnumerable<ChatEvent> Ask(JsonElement argument, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (request, problem) = arguments.Read(argument);
        if (request is null || problem is not null)
        {
            yield return new ErrorEvent(problem!);
            yield break;
        }

        var user = Context.User!;
        if (await limiter.TryAcquireAsync(user, null, cancellationToken) is { } wait)
        {
            yield return new ErrorEvent(AskRateLimiter.Detail(wait));
            yield break;
        }

        await foreach (var e in conversations.AskAsync(request, user.ToAsker(), user.ToAccessScope(request.Collection), cancellationToken))
        {
            yield return e;
        }
    }
}

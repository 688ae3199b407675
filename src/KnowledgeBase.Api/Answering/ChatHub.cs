using System.Runtime.CompilerServices;
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
public sealed class ChatHub(ConversationService conversations, AskRateLimiter limiter) : Hub
{
    public async IAsyncEnumerable<ChatEvent> Ask(AskRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
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

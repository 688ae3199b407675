using KnowledgeBase.Api.Identity;
using KnowledgeBase.Core.Answering;
using KnowledgeBase.Infrastructure.Answering;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace KnowledgeBase.Api.Answering;

/// <summary>Streams answers: <c>retrieval</c>, <c>token</c>…, then <c>done</c> or <c>error</c>. Closing the stream cancels the work.</summary>
[Authorize(Policy = Policies.Ask)]
public sealed class ChatHub(AskService ask) : Hub
{
    public IAsyncEnumerable<ChatEvent> Ask(AskRequest request, CancellationToken cancellationToken) =>
        ask.AskAsync(request, Context.User!.ToAccessScope(request.Collection), AskContext.None, cancellationToken);
}

using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using KnowledgeBase.Core.Answering;
using KnowledgeBase.Core.Retrieval;
using KnowledgeBase.Infrastructure.Answering;
using KnowledgeBase.Infrastructure.Data;
using KnowledgeBase.Infrastructure.Guardrails;
using KnowledgeBase.Infrastructure.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KnowledgeBase.Infrastructure.Conversations;

/// <summary>A question that passed every check, with what the answer needs from its conversation.</summary>
public sealed record AdmittedQuestion(AskRequest Request, Asker Asker, Conversation? Conversation, IReadOnlyList<ChatTurn> History);

/// <summary>
/// Answering inside a conversation, for every transport: checks the question, its conversation's owner and
/// the user's budget (<see cref="AdmitAsync"/>, before anything streams), then streams the answer with the
/// conversation's recent turns as history and a follow-up condensed into a standalone search query, and
/// stores the question and the answer — completed, failed or cancelled — with what it cost. What is stored is
/// what the guardrails let through: the question redacted, the answer as streamed, and the guardrails' actions
/// (<c>guardrail_events</c>, never the offending text).
/// </summary>
public sealed class ConversationService(
    KnowledgeBaseDbContext db,
    AskService ask,
    IQueryCondenser condenser,
    DailyTokenBudget budget,
    IOptions<TelemetryOptions> telemetry,
    StoredAnswerAccess storedAnswers,
    AnswerOutbox outbox,
    IOptions<DatabaseOptions> database,
    GuardrailService guardrails,
    TimeProvider time)
{
    /// <summary>How many earlier messages are handed to the answerer (it trims them further to its token budget).</summary>
    public const int HistoryMessages = 20;

    /// <summary>
    /// Decides whether the question is answered. <paramref name="clientHistory"/> is the history a stateless
    /// client sends itself (the OpenAI API); otherwise the stored conversation's recent turns are used, as far as
    /// <paramref name="scope"/> may still read their sources (<see cref="StoredAnswerAccess"/>).
    /// </summary>
    public async Task<(AdmittedQuestion? Admitted, AskRefusal? Refusal)> AdmitAsync(
        AskRequest request, Asker asker, AccessScope scope, IReadOnlyList<ChatTurn>? clientHistory, CancellationToken cancellationToken)
    {
        var decision = await DecideAsync(request, asker, scope, clientHistory, cancellationToken);
        if (decision.Refusal is { } refusal)
        {
            AskMetrics.Reject(refusal.Kind switch
            {
                AskRefusalKind.BudgetSpent => AskMetrics.Budget,
                AskRefusalKind.NotFound => AskMetrics.NotFound,
                _ => AskMetrics.Invalid,
            });
        }

        return decision;
    }

    private async Task<(AdmittedQuestion? Admitted, AskRefusal? Refusal)> DecideAsync(
        AskRequest request, Asker asker, AccessScope scope, IReadOnlyList<ChatTurn>? clientHistory, CancellationToken cancellationToken)
    {
        if (request.Problem() is { } problem)
        {
            return (null, new AskRefusal(AskRefusalKind.Invalid, problem));
        }

        Conversation? conversation = null;
        if (request.ConversationId is { } id)
        {
            conversation = await db.Conversations.SingleOrDefaultAsync(c => c.Id == id && c.UserId == asker.UserId && c.DeletedAt == null, cancellationToken);
            if (conversation is null)
            {
                return (null, new AskRefusal(AskRefusalKind.NotFound, $"There is no conversation {id}."));
            }
        }

        if (request.Replaces is { } replaced && conversation is not null && !await IsLastQuestionAsync(conversation.Id, replaced, cancellationToken))
        {
            return (null, new AskRefusal(AskRefusalKind.Invalid, "'replaces' must name the conversation's last question."));
        }

        if (await budget.CheckAsync(asker.UserId, cancellationToken) is { } spent)
        {
            return (null, spent);
        }

        var history = clientHistory ?? (conversation is null ? [] : await RecentTurnsAsync(conversation.Id, scope, request.Replaces, cancellationToken));
        return (new AdmittedQuestion(request, asker, conversation, history), null);
    }

    /// <summary>
    /// Admits and answers in one stream; a refusal is the stream's only (error) event, and so is an unavailable
    /// database. For transports without status codes.
    /// </summary>
    public IAsyncEnumerable<ChatEvent> AskAsync(AskRequest request, Asker asker, AccessScope scope, CancellationToken cancellationToken) =>
        ChatEventStreams.EndWithErrorAsync(
            AdmitAndAnswerAsync(request, asker, scope, cancellationToken),
            e => DatabaseOutage.IsOutage(e) ? DatabaseOutage.ErrorEvent(database.Value.RetryAfterSeconds) : null,
            cancellationToken);

    private async IAsyncEnumerable<ChatEvent> AdmitAndAnswerAsync(
        AskRequest request, Asker asker, AccessScope scope, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (admitted, refusal) = await AdmitAsync(request, asker, scope, null, cancellationToken);
        if (admitted is null)
        {
            yield return new ErrorEvent(refusal!.Detail);
            yield break;
        }

        await foreach (var e in AnswerAsync(admitted, scope, cancellationToken))
        {
            yield return e;
        }
    }

    /// <summary>
    /// Streams the answer's events unchanged, except that <c>done</c> carries the stored conversation and
    /// message ids. Whatever happens to the stream (done, error, the client leaving), the answer is stored.
    /// </summary>
    public async IAsyncEnumerable<ChatEvent> AnswerAsync(
        AdmittedQuestion question, AccessScope scope, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var request = question.Request;
        // Secrets and card numbers in the question never reach the table, the condenser or a span.
        var storedQuestion = guardrails.RedactQuestion(request.Question);
        var now = time.GetUtcNow();
        var answerId = Guid.CreateVersion7(now);
        // One trace per answer, whose id is the stored answer's (feedback scores it later).
        using var activity = AnswerTrace.StartRoot("answer", answerId);
        var capture = telemetry.Value.CaptureContent;
        var conversation = question.Conversation;
        if (conversation is null)
        {
            conversation = new Conversation
            {
                Id = Guid.CreateVersion7(now),
                UserId = question.Asker.UserId,
                UserName = question.Asker.UserName,
                Title = CitationSnippet.From(storedQuestion, Conversation.MaxTitleLength - 1),
                CreatedAt = now,
                UpdatedAt = now,
            };
            db.Conversations.Add(conversation);
        }
        else
        {
            conversation.UpdatedAt = now;
        }

        var asked = new Message
        {
            Id = Guid.CreateVersion7(now),
            ConversationId = conversation.Id,
            UserId = question.Asker.UserId,
            Role = MessageRole.User,
            Text = storedQuestion,
            Collection = request.Collection,
            Status = MessageStatus.Completed,
            CreatedAt = now,
        };
        db.Messages.Add(asked);
        // The question is stored before anything slow (a condenser's model call, retrieval, the answerer); an answer
        // that is ready at once (a cache hit) is stored with it in one commit instead (see the retrieval event below).
        var questionStored = question.History.Count > 0 || request.Replaces is not null;
        if (questionStored)
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        if (request.Replaces is { } replaced)
        {
            await SupersedeAsync(conversation.Id, replaced, now, cancellationToken);
        }
        activity?.SetTag("kb.conversation.id", conversation.Id.ToString());
        activity?.SetTag(LangfuseAttributes.SessionId, conversation.Id.ToString());
        activity?.SetTag(LangfuseAttributes.UserId, question.Asker.UserId);
        if (capture)
        {
            activity?.SetTag(LangfuseAttributes.TraceInput, storedQuestion);
        }

        var answer = new Message
        {
            Id = answerId,
            ConversationId = conversation.Id,
            UserId = question.Asker.UserId,
            Role = MessageRole.Assistant,
            Text = string.Empty,
            ReplyToId = asked.Id,
            Collection = request.Collection,
            Status = MessageStatus.Cancelled,
        };
        var text = new StringBuilder();
        var guardrailEvents = new List<GuardrailEvent>();
        var trimmed = 0;
        var stored = false;
        var firstToken = true;
        try
        {
            var searchQuery = await condenser.CondenseAsync(storedQuestion, question.History, cancellationToken);
            activity?.SetTag("kb.query.condensed", searchQuery != storedQuestion);
            var context = new AskContext(question.Asker.UserId, question.History, searchQuery == storedQuestion ? null : searchQuery);
            await foreach (var e in ask.AskAsync(request, scope, context, cancellationToken))
            {
                switch (e)
                {
                    case RetrievalEvent retrieval:
                        if (!questionStored && !retrieval.AnswerReady)
                        {
                            await db.SaveChangesAsync(cancellationToken);
                            questionStored = true;
                        }

                        answer.Citations = retrieval.Citations;
                        yield return retrieval with { ConversationId = conversation.Id, QuestionId = asked.Id };
                        continue;
                    case CitationsEvent located:
                        answer.Citations = located.Citations;
                        break;
                    case TokenEvent token:
                        if (firstToken)
                        {
                            firstToken = false;
                            AskMetrics.TimeToFirstToken.Record(time.GetElapsedTime(started).TotalSeconds);
                        }

                        var visible = text.Length == 0 ? token.Text.TrimStart() : token.Text;
                        trimmed += token.Text.Length - visible.Length;
                        text.Append(visible);
                        break;
                    case NoticeEvent { ReplacesAnswer: true }:
                        // The stored answer is the one that followed, as JSON clients get it; what the guardrails did to
                        // the dropped text stays on record, without a place in the stored text.
                        text.Clear();
                        trimmed = 0;
                        guardrailEvents = [.. guardrailEvents.Select(g => g.Start is null ? g : g with { Start = null, Length = null })];
                        break;
                    case GuardrailEvent { Start: { } start } guardrail:
                        // Offsets refer to the answer as streamed; the stored text lost its leading white space.
                        guardrailEvents.Add(guardrail with { Start = Math.Max(0, start - trimmed) });
                        break;
                    case GuardrailEvent guardrail:
                        guardrailEvents.Add(guardrail);
                        break;
                    case DoneEvent done:
                        answer.Status = MessageStatus.Completed;
                        answer.Model = done.Model;
                        answer.Mode = done.Mode;
                        answer.FallbackUsed = done.FallbackUsed;
                        answer.Truncated = done.Truncated;
                        answer.InputTokens = done.Usage.InputTokens;
                        answer.OutputTokens = done.Usage.OutputTokens;
                        answer.Cost = done.Cost;
                        answer.CacheHit = done.CacheHit;
                        answer.CostSaved = done.Cache?.SavedCost ?? 0;
                        answer.CitedNumbers = [.. done.CitedNumbers];
                        // Stored later by the outbox when the database is unavailable: the answer still reaches the client.
                        stored = true;
                        var kept = await StoreAnswerAsync(answer, text, guardrailEvents, conversation, started, questionStored);
                        EndTrace(activity, answer, done.CacheHit, text, capture);
                        yield return done with { ConversationId = conversation.Id, MessageId = kept ? answer.Id : null };
                        yield break;
                    case ErrorEvent error:
                        answer.Status = MessageStatus.Failed;
                        answer.Error = error.Message;
                        stored = true;
                        await StoreAnswerAsync(answer, text, guardrailEvents, conversation, started, questionStored);
                        EndTrace(activity, answer, false, text, capture);
                        break;
                }

                yield return e;
                // An async iterator resumes on its reader's context: the spans that follow belong under this answer.
                Activity.Current = activity;
            }
        }
        finally
        {
            // The client left (or the stream ended without an outcome): keep what was said so far as cancelled.
            if (!stored)
            {
                await StoreAnswerAsync(answer, text, guardrailEvents, conversation, started, questionStored);
                EndTrace(activity, answer, false, text, capture);
            }
        }
    }

    /// <summary>
    /// Written with no cancellation token: a cancelled request must still leave its record. When the database is
    /// unavailable the answer goes to the outbox, which stores it once it is back: false then (no message id yet).
    /// The answer's guardrail markers are not kept then (its text already is as shown, redactions included).
    /// An answer stored with its question (<paramref name="questionStored"/> false) fails the ask instead, as a
    /// question that cannot be stored always has: the outbox keeps answers, not the questions they reply to.
    /// </summary>
    private async Task<bool> StoreAnswerAsync(
        Message answer, StringBuilder text, List<GuardrailEvent> guardrailEvents, Conversation conversation, long started, bool questionStored)
    {
        var now = time.GetUtcNow();
        answer.Text = text.ToString();
        answer.LatencyMs = (long)time.GetElapsedTime(started).TotalMilliseconds;
        answer.CreatedAt = now;
        conversation.UpdatedAt = now;
        db.Messages.Add(answer);
        db.GuardrailEvents.AddRange(guardrailEvents.Select(e => GuardrailEventRecord.From(e, answer.Id, now)));
        var outcome = answer.Status switch
        {
            MessageStatus.Completed => AskMetrics.Done,
            MessageStatus.Failed => AskMetrics.Error,
            _ => AskMetrics.Cancelled,
        };
        // The ask ended for its reader whether or not its row can be written now.
        AskMetrics.Ended(outcome, answer.Mode ?? "none", time.GetElapsedTime(started));
        try
        {
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (Exception e) when (DatabaseOutage.IsOutage(e) && questionStored)
        {
            db.ChangeTracker.Clear();
            outbox.Defer(answer, e);
            return false;
        }

        outbox.DatabaseIsBack();
        return true;
    }

    /// <summary>The trace's outcome for Langfuse: tags to filter by and, with content capture on, the answer as the asker saw it.</summary>
    private static void EndTrace(Activity? activity, Message answer, bool cacheHit, StringBuilder text, bool capture)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag("kb.answer.status", answer.Status.ToString().ToLowerInvariant());
        activity.SetTag(LangfuseAttributes.TraceTags, new[]
        {
            $"collection:{answer.Collection ?? CollectionLabels.All}",
            $"mode:{answer.Mode ?? "none"}",
            cacheHit ? "cache:hit" : "cache:miss",
        });
        if (capture)
        {
            activity.SetTag(LangfuseAttributes.TraceOutput, text.ToString());
        }

        if (answer.Status == MessageStatus.Failed)
        {
            activity.SetStatus(ActivityStatusCode.Error, answer.Error);
        }
    }

    /// <summary>Only the newest visible question can be asked again: anything earlier would rewrite what later answers built on.</summary>
    private async Task<bool> IsLastQuestionAsync(Guid conversationId, Guid questionId, CancellationToken cancellationToken) =>
        await db.Messages.AsNoTracking()
            .Where(m => m.ConversationId == conversationId && m.Role == MessageRole.User && m.SupersededAt == null)
            .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id)
            .Select(m => (Guid?)m.Id)
            .FirstOrDefaultAsync(cancellationToken) == questionId;

    /// <summary>The replaced question and its answers leave the conversation; their usage stays.</summary>
    private Task<int> SupersedeAsync(Guid conversationId, Guid questionId, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.Messages
            .Where(m => m.ConversationId == conversationId && m.SupersededAt == null && (m.Id == questionId || m.ReplyToId == questionId))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.SupersededAt, now), cancellationToken);

    private async Task<IReadOnlyList<ChatTurn>> RecentTurnsAsync(Guid conversationId, AccessScope scope, Guid? replaced, CancellationToken cancellationToken)
    {
        // Failed and cancelled answers are not something the assistant said: leave them out of the history,
        // with what was asked again and the question being asked again now.
        var recent = await db.Messages.AsNoTracking()
            .Where(m => m.ConversationId == conversationId && m.Status == MessageStatus.Completed && m.SupersededAt == null
                && m.Id != replaced && (m.ReplyToId == null || m.ReplyToId != replaced))
            .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id)
            .Take(HistoryMessages)
            .ToListAsync(cancellationToken);
        recent.Reverse();
        // An answer quoting a source the user can no longer read is not fed back to the model.
        var visible = await storedAnswers.ViewAsync(recent, scope, cancellationToken);
        return recent
            .Where(m => m.Role == MessageRole.User || !visible[m.Id].Withheld)
            .Select(m => new ChatTurn(m.Role == MessageRole.User ? ChatTurnRole.User : ChatTurnRole.Assistant, m.Text))
            .ToList();
    }
}

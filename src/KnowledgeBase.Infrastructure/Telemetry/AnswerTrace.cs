using System.Diagnostics;

namespace KnowledgeBase.Infrastructure.Telemetry;

/// <summary>
/// Each answer is one trace, whatever carried the question (hub, SSE, JSON, OpenAI API, kb): its root span
/// starts a new trace (linked to the request that asked), so Langfuse shows one trace per answer with the
/// conversation as its session. A stored answer's trace id is its message id, so feedback can score the
/// trace later without storing anything more.
/// </summary>
public static class AnswerTrace
{
    private static readonly AsyncLocal<ActivityTraceId?> NextTraceId = new();

    // The runtime asks this for every new root's trace id: ours when a root is being started for a stored answer.
    static AnswerTrace() => Activity.TraceIdGenerator = () => NextTraceId.Value ?? ActivityTraceId.CreateRandom();

    /// <summary>The trace id of the answer stored as this message.</summary>
    public static ActivityTraceId TraceIdFor(Guid messageId) =>
        ActivityTraceId.CreateFromBytes(messageId.ToByteArray(bigEndian: true));

    /// <summary>
    /// Starts the root span of an answer: a new trace (with <paramref name="messageId"/>'s trace id when the
    /// answer will be stored) that links to the span that was current (the HTTP request, the hub call).
    /// </summary>
    public static Activity? StartRoot(string name, Guid? messageId = null)
    {
        var caller = Activity.Current;
        ActivityLink[]? links = caller is null ? null : [new ActivityLink(caller.Context)];
        Activity.Current = null;
        NextTraceId.Value = messageId is { } id ? TraceIdFor(id) : null;
        try
        {
            var activity = KnowledgeBaseTelemetry.Source.StartActivity(name, ActivityKind.Internal, default(ActivityContext), links: links);
            activity?.SetTag(LangfuseAttributes.TraceName, name);
            return activity;
        }
        finally
        {
            NextTraceId.Value = null;
        }
    }

    /// <summary>True for a span of an answer's trace (its root carries the Langfuse trace name).</summary>
    public static bool IsInAnswer(Activity activity)
    {
        var root = activity;
        while (root.Parent is { } parent)
        {
            root = parent;
        }

        return root.GetTagItem(LangfuseAttributes.TraceName) is not null;
    }
}

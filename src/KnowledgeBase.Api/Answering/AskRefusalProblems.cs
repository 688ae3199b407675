using System.Globalization;
using KnowledgeBase.Infrastructure.Conversations;

namespace KnowledgeBase.Api.Answering;

public static class AskRefusalProblems
{
    /// <summary>The HTTP status for a refusal: 400 bad question, 404 unknown conversation, 429 budget spent.</summary>
    public static int StatusCode(this AskRefusal refusal) => refusal.Kind switch
    {
        AskRefusalKind.Invalid => StatusCodes.Status400BadRequest,
        AskRefusalKind.NotFound => StatusCodes.Status404NotFound,
        _ => StatusCodes.Status429TooManyRequests,
    };

    /// <summary>Problem details for a refused question; a spent budget also says when to retry (Retry-After).</summary>
    public static IResult ToProblem(this AskRefusal refusal, HttpResponse response)
    {
        SetRetryAfter(refusal, response);
        var title = refusal.Kind switch
        {
            AskRefusalKind.Invalid => "Bad question",
            AskRefusalKind.NotFound => "Conversation not found",
            _ => "Daily token budget spent",
        };
        return TypedResults.Problem(statusCode: refusal.StatusCode(), title: title, detail: refusal.Detail);
    }

    public static void SetRetryAfter(this AskRefusal refusal, HttpResponse response)
    {
        if (refusal.RetryAfter is { } wait)
        {
            response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }
    }
}

using System.ClientModel;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.SemanticKernel;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Timeout;

namespace KnowledgeBase.Infrastructure.Answering.Llm;

/// <summary>The model said nothing in time: before the first token, or between two chunks.</summary>
public sealed class ModelTimeoutException(string message) : TimeoutException(message);

/// <summary>The stream ended without a single token of answer.</summary>
public sealed class EmptyAnswerException() : Exception("The model returned an empty answer.");

/// <summary>How a failed model call is classified: worth retrying, how long the provider asked us to wait, and a short reason for people.</summary>
public static class ModelFaults
{
    public static bool IsTransient(Exception e) => e switch
    {
        BrokenCircuitException or RateLimiterRejectedException or TimeoutRejectedException => false,
        HttpOperationException { StatusCode: { } status } => status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError,
        ClientResultException { Status: > 0 } c => c.Status is 408 or 429 or >= 500,
        _ => true, // connection resets, malformed chunks, our own first-token and idle timeouts, empty answers
    };

    /// <summary>The provider's Retry-After (seconds or an HTTP date), when the failure carries one.</summary>
    public static TimeSpan? RetryAfter(Exception? e, DateTimeOffset now)
    {
        for (var current = e; current is not null; current = current.InnerException)
        {
            if (current is ClientResultException result && result.GetRawResponse()?.Headers is { } headers
                && headers.TryGetValue("Retry-After", out var value) && value is not null)
            {
                if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
                {
                    return TimeSpan.FromSeconds(Math.Max(0, seconds));
                }

                if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
                {
                    return at > now ? at - now : TimeSpan.Zero;
                }
            }
        }

        return null;
    }

    /// <summary>A short, safe description for notices and the error.type attribute (never the provider's raw message, which may echo the prompt).</summary>
    public static string Describe(Exception e) => e switch
    {
        BrokenCircuitException => "circuit open after repeated failures",
        RateLimiterRejectedException => "too many answers in progress",
        TimeoutRejectedException => "took too long",
        ModelTimeoutException t => t.Message,
        EmptyAnswerException => "empty answer",
        HttpOperationException { StatusCode: { } status } => $"HTTP {(int)status}",
        ClientResultException { Status: > 0 } c => $"HTTP {c.Status}",
        JsonException or FormatException => "malformed response",
        HttpRequestException or IOException => "connection failed",
        _ when e.InnerException is { } inner => Describe(inner),
        _ => "unexpected failure",
    };

    /// <summary>The error.type attribute value (OTel): the status code or the exception type.</summary>
    public static string ErrorType(Exception e) => e switch
    {
        HttpOperationException { StatusCode: { } status } => ((int)status).ToString(CultureInfo.InvariantCulture),
        ClientResultException { Status: > 0 } c => c.Status.ToString(CultureInfo.InvariantCulture),
        _ => e.GetType().FullName ?? e.GetType().Name,
    };
}

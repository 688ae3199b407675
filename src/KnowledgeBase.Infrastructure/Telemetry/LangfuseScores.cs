using System.Net;
using System.Net.Http.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KnowledgeBase.Infrastructure.Telemetry;

/// <summary>A 👍/👎 on a stored answer, to become a score on that answer's trace.</summary>
public sealed record FeedbackScore(Guid MessageId, bool Up, string? Comment);

/// <summary>
/// Sends feedback to Langfuse as a score on the answer's trace (public API, Basic auth), in the background:
/// the rating request only queues it. Transient failures (network, 429, 5xx) are retried with backoff; the
/// queue is bounded and drops the oldest when Langfuse is down for long. The score id is per message, so a
/// changed rating replaces the earlier score. The comment is content: sent only with Telemetry:CaptureContent.
/// </summary>
public sealed partial class LangfuseScores(
    IOptions<LangfuseOptions> options,
    IOptions<TelemetryOptions> telemetry,
    IHttpClientFactory clients,
    TimeProvider time,
    ILogger<LangfuseScores> logger) : BackgroundService
{
    public const string HttpClientName = "langfuse";
    public const string ScoreName = "user-feedback";
    private const int Attempts = 4;

    private readonly Channel<FeedbackScore> queue = Channel.CreateBounded<FeedbackScore>(
        new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    /// <summary>Queues the score; false when Langfuse is not configured.</summary>
    public bool Enqueue(FeedbackScore score) => options.Value.Enabled && queue.Writer.TryWrite(score);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        await foreach (var score in queue.Reader.ReadAllAsync(stoppingToken))
        {
            await SendAsync(score, stoppingToken);
        }
    }

    private async Task SendAsync(FeedbackScore score, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var body = new
        {
            id = $"feedback-{score.MessageId:N}",
            traceId = AnswerTrace.TraceIdFor(score.MessageId).ToHexString(),
            name = ScoreName,
            value = score.Up ? 1 : 0,
            dataType = "BOOLEAN",
            comment = telemetry.Value.CaptureContent ? score.Comment : null,
        };
        var delay = TimeSpan.FromMilliseconds(settings.ScoreRetryMilliseconds);
        for (var attempt = 1; ; attempt++)
        {
            HttpStatusCode? status = null;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, settings.ScoresEndpoint) { Content = JsonContent.Create(body) };
                request.Headers.TryAddWithoutValidation("Authorization", settings.AuthorizationHeader);
                using var response = await clients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }

                status = response.StatusCode;
                if (status is not (HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError))
                {
                    LogRejected(score.MessageId, (int)status);
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                // A network failure or a timeout: worth another try.
            }

            if (attempt == Attempts)
            {
                LogGaveUp(score.MessageId, Attempts, status is { } s ? (int)s : null);
                return;
            }

            await Task.Delay(delay * (0.75 + (Random.Shared.NextDouble() / 2)), time, cancellationToken);
            delay *= 2;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Langfuse refused the feedback score for message {MessageId} with status {Status}; not retried")]
    private partial void LogRejected(Guid messageId, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not send the feedback score for message {MessageId} to Langfuse after {Attempts} tries (last status {Status})")]
    private partial void LogGaveUp(Guid messageId, int attempts, int? status);
}

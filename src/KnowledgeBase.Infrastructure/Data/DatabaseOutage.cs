using KnowledgeBase.Core.Answering;
using Npgsql;

namespace KnowledgeBase.Infrastructure.Data;

/// <summary>
/// The one place that decides whether a failure means "the database is unavailable for now" (stopped,
/// restarting, unreachable, overloaded) rather than a bug: such failures become a 503 with Retry-After over
/// HTTP and an <c>error</c> event on a stream that already started, never a 500.
/// </summary>
public static class DatabaseOutage
{
    public const string Message = "The knowledge base is temporarily unavailable; please try again in a few seconds.";

    /// <summary>True when <paramref name="exception"/> (or one it wraps) is a transient database failure.</summary>
    public static bool IsOutage(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException postgres:
                    return IsUnavailable(postgres.SqlState) || postgres.IsTransient;
                case NpgsqlException npgsql when npgsql.IsTransient:
                    return true;
                case AggregateException aggregate:
                    return aggregate.InnerExceptions.Any(IsOutage);
            }
        }

        return false;
    }

    /// <summary>The stream event for an answer cut by an outage.</summary>
    public static ErrorEvent ErrorEvent(int retryAfterSeconds) => new(Message, retryAfterSeconds);

    /// <summary>Connection exceptions (08…), shutdowns and start-ups (57P01–57P03), too many connections (53300).</summary>
    private static bool IsUnavailable(string state) =>
        state.StartsWith("08", StringComparison.Ordinal) || state is "57P01" or "57P02" or "57P03" or "53300";
}

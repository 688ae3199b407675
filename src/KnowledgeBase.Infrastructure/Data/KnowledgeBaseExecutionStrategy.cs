using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace KnowledgeBase.Infrastructure.Data;

/// <summary>
/// Retries a command that failed because the database blipped (a restarted server's dead pooled connections,
/// a short outage), but only outside a transaction the code began itself: there a retry would replay half a
/// unit of work, so the failure goes up unchanged (and becomes a 503). A unit run through
/// <c>Database.CreateExecutionStrategy()</c> is retried whole.
/// </summary>
public sealed class KnowledgeBaseExecutionStrategy(ExecutionStrategyDependencies dependencies, int maxRetryCount, TimeSpan maxRetryDelay)
    : ExecutionStrategy(dependencies, maxRetryCount, maxRetryDelay)
{
    /// <summary>The base refuses to run inside a user transaction; this one runs it without retries instead.</summary>
    protected override void OnFirstExecution()
    {
        if (InUserTransaction)
        {
            ExceptionsEncountered.Clear();
            return;
        }

        base.OnFirstExecution();
    }

    protected override bool ShouldRetryOn(Exception exception) => !InUserTransaction && DatabaseOutage.IsOutage(exception);

    // Only asked while executing (never while EF builds its services, which would re-enter the container).
    private bool InUserTransaction => Dependencies.CurrentContext.Context.Database.CurrentTransaction is not null;
}

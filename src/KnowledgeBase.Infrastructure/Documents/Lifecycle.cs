namespace KnowledgeBase.Infrastructure.Documents;

/// <summary>
/// The status changes documents and jobs may make, as one table. The entities' methods check it
/// (<see cref="Ensure(DocumentStatus, DocumentStatus)"/> throws on anything else) and the queue's
/// SQL takes its guards from it (<see cref="StatusSql"/>), so both follow the same rules.
/// </summary>
public static class Lifecycle
{
    /// <summary>
    /// A ready document stays ready: its next version is ingested beside it and replaces it in one
    /// transaction, and a failed next version leaves it serving (with the reason in its error).
    /// Any other document follows its newest job: queued, a step, ready or failed, and back to queued
    /// for a retry, a re-ingestion or a new version.
    /// </summary>
    public static bool Allows(DocumentStatus from, DocumentStatus to) =>
        from != DocumentStatus.Ready || to == DocumentStatus.Ready;

    public static bool Allows(JobStatus from, JobStatus to) => (from, to) switch
    {
        (JobStatus.Pending, JobStatus.Running) => true, // claimed by a worker
        (JobStatus.Running, JobStatus.Running) => true, // claimed again after its worker's lease expired
        (JobStatus.Running, JobStatus.Pending) => true, // a transient failure waits for its retry, or a stopping worker released it
        (JobStatus.Running, JobStatus.Done) => true,
        (JobStatus.Running, JobStatus.Failed) => true, // input that can never be ingested, or out of attempts
        _ => false, // done and failed are final
    };

    public static void Ensure(DocumentStatus from, DocumentStatus to)
    {
        if (!Allows(from, to))
        {
            throw new InvalidStatusTransitionException("document", StatusNames.Of(from), StatusNames.Of(to));
        }
    }

    public static void Ensure(JobStatus from, JobStatus to)
    {
        if (!Allows(from, to))
        {
            throw new InvalidStatusTransitionException("ingestion job", StatusNames.Of(from), StatusNames.Of(to));
        }
    }
}

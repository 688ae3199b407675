using KnowledgeBase.Infrastructure.Documents;

namespace KnowledgeBase.Tests.Unit.Documents;

public sealed class LifecycleTests
{
    [Fact]
    public void Every_status_has_one_stored_name_and_it_reads_back()
    {
        var documentNames = Enum.GetValues<DocumentStatus>().Select(StatusNames.Of).ToList();
        var jobNames = Enum.GetValues<JobStatus>().Select(StatusNames.Of).ToList();

        Assert.Equal(documentNames.Count, documentNames.Distinct().Count());
        Assert.Equal(jobNames.Count, jobNames.Distinct().Count());
        Assert.All(Enum.GetValues<DocumentStatus>(), s => Assert.True(StatusNames.TryParse(StatusNames.Of(s), out DocumentStatus back) && back == s));
        Assert.All(Enum.GetValues<JobStatus>(), s => Assert.True(StatusNames.TryParse(StatusNames.Of(s), out JobStatus back) && back == s));
    }

    [Theory]
    [InlineData("4")]
    [InlineData("Ready")]
    [InlineData("")]
    [InlineData(null)]
    public void Numbers_and_other_spellings_are_not_status_names(string? name) =>
        Assert.False(StatusNames.TryParse(name, out DocumentStatus _));

    [Fact]
    public void A_ready_document_stays_ready_and_every_other_may_start_over()
    {
        foreach (var to in Enum.GetValues<DocumentStatus>())
        {
            Assert.Equal(to == DocumentStatus.Ready, Lifecycle.Allows(DocumentStatus.Ready, to));
            Assert.True(Lifecycle.Allows(DocumentStatus.Failed, to));
            Assert.True(Lifecycle.Allows(DocumentStatus.Embedding, to));
        }

        var error = Assert.Throws<InvalidStatusTransitionException>(() => Lifecycle.Ensure(DocumentStatus.Ready, DocumentStatus.Queued));
        Assert.Equal("A document cannot go from 'ready' to 'queued'.", error.Message);
    }

    [Fact]
    public void Done_and_failed_jobs_are_final_and_only_a_claim_starts_one()
    {
        foreach (var to in Enum.GetValues<JobStatus>())
        {
            Assert.False(Lifecycle.Allows(JobStatus.Done, to));
            Assert.False(Lifecycle.Allows(JobStatus.Failed, to));
            Assert.Equal(to == JobStatus.Running, Lifecycle.Allows(JobStatus.Pending, to));
            Assert.True(Lifecycle.Allows(JobStatus.Running, to));
        }

        Assert.Throws<InvalidStatusTransitionException>(() => Lifecycle.Ensure(JobStatus.Done, JobStatus.Pending));
    }
}

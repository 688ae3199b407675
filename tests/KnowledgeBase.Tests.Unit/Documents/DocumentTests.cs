using KnowledgeBase.Core.Text;
using KnowledgeBase.Infrastructure.Documents;

namespace KnowledgeBase.Tests.Unit.Documents;

public sealed class DocumentTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    private static Document NewDocument() =>
        Document.Queue(Guid.NewGuid(), "menu.txt", "text/plain", new string('a', 64), 10, CollectionNames.Default, ["hr"], Now);

    [Fact]
    public void A_first_upload_is_queued_with_a_title_from_its_name()
    {
        var document = NewDocument();

        Assert.Equal(DocumentStatus.Queued, document.Status);
        Assert.Equal("Menu", document.Title);
        Assert.Equal(["hr"], document.AccessGroups);
        Assert.Equal(0, document.Version);
    }

    [Fact]
    public void A_new_version_of_a_document_that_is_not_ready_queues_it_again()
    {
        var document = NewDocument();

        document.QueueNewVersion(Now.AddMinutes(1));

        Assert.Equal(DocumentStatus.Queued, document.Status);
        Assert.Null(document.Error);
        Assert.Equal(Now.AddMinutes(1), document.UpdatedAt);
    }

    [Fact]
    public void Changing_access_keeps_what_is_not_named()
    {
        var document = NewDocument();

        document.ChangeAccess(null, ["finance"], Now.AddMinutes(2));
        document.ChangeAccess("policies", null, Now.AddMinutes(3));

        Assert.Equal("policies", document.Collection);
        Assert.Equal(["finance"], document.AccessGroups);
        Assert.Equal(Now.AddMinutes(3), document.UpdatedAt);
    }

    [Theory]
    [InlineData(null, "default")]
    [InlineData("  ", "default")]
    [InlineData(" hr docs ", "hr docs")]
    public void A_missing_collection_is_the_default_one(string? given, string stored) =>
        Assert.Equal(stored, CollectionNames.OrDefault(given));

    [Fact]
    public void Collection_names_are_1_to_100_characters() =>
        Assert.Equal([false, true, true], new[] { "a", new string('a', 101), string.Empty }.Select(n => CollectionNames.Problem(n) is not null));

    // A Fact, not InlineData: xunit passes theory data through UTF-8, which would mend the lone surrogate.
    [Fact]
    public void Collection_names_refuse_what_PostgreSQL_or_a_log_line_would_choke_on() =>
        Assert.All(["hr\0docs", "hr\ndocs", "hr\uD800docs"], name => Assert.Contains("'collection'", CollectionNames.Problem(name)));

    [Fact]
    public void A_long_display_name_is_never_cut_inside_a_character()
    {
        var name = DisplayName.From(new string('a', 248) + string.Concat(Enumerable.Repeat("😀", 10)) + ".txt");

        Assert.True(name.Length <= 255);
        Assert.EndsWith(".txt", name);
        Assert.True(StorableText.IsStorable(name), "half of an emoji was left at the cut");
    }
}

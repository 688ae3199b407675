using System.Text;
using System.Text.Json;
using KnowledgeBase.Core.Answering;
using KnowledgeBase.Core.Documents;
using KnowledgeBase.Infrastructure.Ingestion.Parsers;

namespace KnowledgeBase.Tests.Unit.Answering;

/// <summary>
/// The anchors a citation points to must be the ids the web's original viewer gives its headings: both sides
/// check the same vectors (tests/Vectors/heading-anchors.json; web/src/documents/headingSlug.test.ts).
/// </summary>
public sealed class HeadingAnchorTests
{
    private static readonly JsonElement Vectors = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Vectors", "heading-anchors.json"))).RootElement;

    public static TheoryData<string, string> Slugs()
    {
        var data = new TheoryData<string, string>();
        foreach (var vector in Vectors.GetProperty("slugs").EnumerateArray())
        {
            data.Add(vector.GetProperty("heading").GetString()!, vector.GetProperty("slug").GetString()!);
        }

        return data;
    }

    public static TheoryData<string> Documents()
    {
        var data = new TheoryData<string>();
        foreach (var document in Vectors.GetProperty("documents").EnumerateArray())
        {
            data.Add(document.GetProperty("sourceName").GetString()!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Slugs))]
    public void A_heading_gets_the_slug_the_web_viewer_gives_it(string heading, string slug) =>
        Assert.Equal(slug, HeadingAnchor.Slug(heading));

    [Theory]
    [MemberData(nameof(Documents))]
    public void The_headings_of_an_original_get_the_anchors_the_web_viewer_renders(string sourceName)
    {
        var vector = Vectors.GetProperty("documents").EnumerateArray().Single(d => d.GetProperty("sourceName").GetString() == sourceName);
        IDocumentParser parser = vector.GetProperty("contentType").GetString() == ContentTypes.Html ? new HtmlParser() : new MarkdownParser();

        var parsed = parser.Parse(Encoding.UTF8.GetBytes(vector.GetProperty("text").GetString()!), sourceName, CancellationToken.None);

        var anchors = parsed.Blocks.Where(b => b.Kind == BlockKind.Heading).Select(b => HeadingAnchor.For(sourceName, b.Text, null)).ToList();
        Assert.Equal(vector.GetProperty("anchors").EnumerateArray().Select(a => a.GetString()), anchors);
    }

    [Fact]
    public void A_plain_text_source_points_at_its_cited_words_and_a_pdf_at_nothing()
    {
        Assert.Equal(":~:text=Come%20to%20the%20main%20reception", HeadingAnchor.For("faq.txt", string.Empty, "Come to the main   reception"));
        Assert.Null(HeadingAnchor.For("guide.pdf", "Benefits > Fitness", "Up to 600 EUR."));
    }
}

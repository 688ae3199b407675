using KnowledgeBase.Core.Text;

namespace KnowledgeBase.Tests.Unit.Text;

public sealed class FileNameTitleTests
{
    [Theory]
    [InlineData("onboarding-faq.txt", "Onboarding FAQ")]
    [InlineData("benefits_guide_2025.pdf", "Benefits Guide 2025")]
    [InlineData("it-security-policy.html", "IT Security Policy")]
    [InlineData("code-of-conduct.md", "Code of Conduct")]
    [InlineData("the-travel-policy.pdf", "The Travel Policy")]
    [InlineData("FlexFit_overview.docx", "FlexFit Overview")]
    [InlineData("README.md", "README")]
    [InlineData("desk-list-ae4942bb.csv", "Desk List ae4942bb")]
    [InlineData("q3 okrs  --  draft v2.json", "Q3 OKRs Draft v2")]
    [InlineData("folder/sub/hr_handbook.pdf", "HR Handbook")]
    [InlineData("C:\\docs\\it-faq.txt", "IT FAQ")]
    public void A_file_name_becomes_a_readable_title(string fileName, string title) =>
        Assert.Equal(title, FileNameTitle.From(fileName));

    [Theory]
    [InlineData(".pdf")]
    [InlineData("---.txt")]
    [InlineData("")]
    public void A_name_without_words_is_untitled(string fileName) =>
        Assert.Equal(FileNameTitle.Untitled, FileNameTitle.From(fileName));
}

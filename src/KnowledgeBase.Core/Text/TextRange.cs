namespace KnowledgeBase.Core.Text;

/// <summary>Where a piece of a text is (a sentence a citation points at): character offset and length.</summary>
public readonly record struct TextRange(int Start, int Length)
{
    public int End => Start + Length;

    public string Of(string text) => text.Substring(Start, Length);
}

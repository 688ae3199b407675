using KnowledgeBase.Core.Text;

namespace KnowledgeBase.Core.Grounding;

/// <summary>
/// One sentence (or heading, list item, table row: every line ends one) of an evidence text:
/// <see cref="Source"/> is the text's index in the <see cref="Evidence"/>, <see cref="Range"/> where the
/// sentence is in that text (what a citation highlights).
/// </summary>
public sealed record EvidenceSentence(int Index, int Source, TextRange Range, string Text, IReadOnlySet<string> Terms, IReadOnlySet<string> Numbers);

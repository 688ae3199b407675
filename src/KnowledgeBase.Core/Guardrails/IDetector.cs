namespace KnowledgeBase.Core.Guardrails;

/// <summary>
/// A rule that finds spans in text. Streaming needs two answers from it: the matches in a text, and how much of
/// the text's end might still become (part of) a match once more text arrives, so that tail is held back.
/// </summary>
public interface IDetector
{
    /// <summary>The rule ids this detector reports (for configuration, metrics and evaluation).</summary>
    IReadOnlyList<string> Rules { get; }

    /// <summary>Adds the matches in <paramref name="text"/> that end after <paramref name="from"/> (text before it is context).</summary>
    void Detect(string text, int from, List<Detection> found);

    /// <summary>The earliest index from which the end of <paramref name="text"/> could still grow into a match; <c>text.Length</c> when none.</summary>
    int HoldFrom(string text);
}

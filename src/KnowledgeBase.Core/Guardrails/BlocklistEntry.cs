namespace KnowledgeBase.Core.Guardrails;

/// <summary>
/// A denied topic or blocked vocabulary for some collections (none listed: all): <see cref="Terms"/> match as
/// phrases (whitespace-flexible), <see cref="Patterns"/> as regular expressions. <see cref="Name"/> is what events
/// and the admin screen show, never the matched text.
/// </summary>
public sealed record BlocklistEntry(
    string Name,
    IReadOnlyList<string> Terms,
    IReadOnlyList<string> Patterns,
    IReadOnlyList<string> Collections,
    GuardAction Action = GuardAction.Block,
    bool WholeWord = true,
    bool CaseSensitive = false,
    string? Message = null);

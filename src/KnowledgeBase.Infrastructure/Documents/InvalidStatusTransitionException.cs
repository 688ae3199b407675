namespace KnowledgeBase.Infrastructure.Documents;

/// <summary>A status change <see cref="Lifecycle"/> does not allow: a bug in the caller, never bad input.</summary>
public sealed class InvalidStatusTransitionException(string what, string from, string to)
    : InvalidOperationException($"A {what} cannot go from '{from}' to '{to}'.");

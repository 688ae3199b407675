namespace KnowledgeBase.Core.Caching;

/// <summary>Why <see cref="NearMissGate"/> refused a similar cached question (None: it may be served).</summary>
public enum GateRejection
{
    None,
    Negation,
    QuestionWord,
    Number,
    Entity,
    ContentWord,
}

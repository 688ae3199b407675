namespace KnowledgeBase.Infrastructure.Conversations;

public enum AskRefusalKind
{
    /// <summary>The question itself is unusable (empty, too long).</summary>
    Invalid,

    /// <summary>No such conversation for this user (someone else's looks the same as a missing one).</summary>
    NotFound,

    /// <summary>The user's daily token budget is spent; <see cref="AskRefusal.RetryAfter"/> says until when.</summary>
    BudgetSpent,
}

/// <summary>Why a question is not answered, decided before anything streams so HTTP can answer with a status code.</summary>
public sealed record AskRefusal(AskRefusalKind Kind, string Detail, TimeSpan? RetryAfter = null);

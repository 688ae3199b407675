namespace KnowledgeBase.Infrastructure.Identity;

public enum AccountError
{
    Invalid,
    NotFound,
    Conflict,
}

/// <summary>A user, group or key change that cannot be made; the message is meant for the caller.</summary>
public sealed class AccountException(AccountError error, string message) : Exception(message)
{
    public AccountError Error { get; } = error;
}

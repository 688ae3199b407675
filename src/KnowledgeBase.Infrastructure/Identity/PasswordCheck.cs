namespace KnowledgeBase.Infrastructure.Identity;

public enum PasswordCheckOutcome
{
    Success,
    Wrong,
    LockedOut,
}

/// <summary>The result of a password sign-in: the user on success, the lockout end when locked out.</summary>
public sealed record PasswordCheck(PasswordCheckOutcome Outcome, UserAccess? User = null, DateTimeOffset? LockedOutUntil = null);

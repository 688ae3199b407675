using System.ComponentModel.DataAnnotations;

namespace KnowledgeBase.Infrastructure.Identity;

public sealed class IdentitySettings
{
    public const string Section = "Identity";

    /// <summary>Failed sign-ins in a row that lock an account.</summary>
    [Range(1, 100)]
    public int LockoutMaxFailedAttempts { get; set; } = 5;

    [Range(1, 24 * 60)]
    public int LockoutMinutes { get; set; } = 5;

    /// <summary>
    /// How long a process reuses a user's role and groups before reading them again. Changes made
    /// through this process apply at once; other processes see them within this time.
    /// </summary>
    [Range(0, 300)]
    public int PrincipalCacheSeconds { get; set; } = 10;

    /// <summary>A session ends this long after sign-in however active it is (the cookie also expires after 8 idle hours).</summary>
    [Range(1, 24 * 30)]
    public int AbsoluteSessionHours { get; set; } = 24;

    /// <summary>Sign-in attempts one client IP may make: a burst, then this many per minute.</summary>
    [Range(1, 10_000)]
    public int SignInAttemptsPerMinute { get; set; } = 10;

    [Range(8, 128)]
    public int MinimumPasswordLength { get; set; } = 8;
}

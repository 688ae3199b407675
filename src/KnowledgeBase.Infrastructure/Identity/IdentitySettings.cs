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

    [Range(8, 128)]
    public int MinimumPasswordLength { get; set; } = 8;
}

using System.Diagnostics;
using KnowledgeBase.Infrastructure.Data;
using KnowledgeBase.Infrastructure.Telemetry;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Infrastructure.Identity;

/// <summary>
/// Users, their role and groups, and password sign-in (ASP.NET Core Identity's hashing and lockout).
/// Every change evicts the user from <see cref="UserAccessCache"/>, so it applies at the next request.
/// </summary>
public sealed class UserDirectory(KnowledgeBaseDbContext db, UserManager<User> users, UserAccessCache cache, TimeProvider time)
{
    /// <summary>For `kb users add` and the start-up admin: creates or updates the user, and any group it names.</summary>
    public async Task<UserAccess> AddOrUpdateAsync(string email, string password, string role, IReadOnlyList<string> groups, CancellationToken cancellationToken)
    {
        var canonicalRole = RequireRole(role);
        var groupNames = GroupNames.Validate(groups);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await EnsureGroupsAsync(groupNames, create: true, cancellationToken);
        var user = await users.FindByEmailAsync(NormalizeEmail(email));
        if (user is null)
        {
            user = await CreateUserAsync(email, password, null);
        }
        else
        {
            Check(await users.RemovePasswordAsync(user));
            Check(await users.AddPasswordAsync(user, password));
        }

        await SetRoleAsync(user, canonicalRole);
        await SetGroupsAsync(user.Id, groupNames, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return await ChangedAsync(user.Id, cancellationToken);
    }

    /// <summary>For the admin API: the email must be new and the groups must exist.</summary>
    public async Task<UserAccess> CreateAsync(string email, string password, string? displayName, string role, IReadOnlyList<string> groups, CancellationToken cancellationToken)
    {
        CheckLengths(email, password, displayName);
        var canonicalRole = RequireRole(role);
        var groupNames = GroupNames.Validate(groups);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await EnsureGroupsAsync(groupNames, create: false, cancellationToken);
        if (await users.FindByEmailAsync(NormalizeEmail(email)) is not null)
        {
            throw new AccountException(AccountError.Conflict, $"A user with the email '{email.Trim()}' already exists.");
        }

        var user = await CreateUserAsync(email, password, displayName);
        await SetRoleAsync(user, canonicalRole);
        await SetGroupsAsync(user.Id, groupNames, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return await ChangedAsync(user.Id, cancellationToken);
    }

    /// <summary>Changes what is given (null leaves it); a group change applies at the user's next request.</summary>
    public async Task<UserAccess> UpdateAsync(Guid id, string? displayName, string? role, IReadOnlyList<string>? groups, CancellationToken cancellationToken)
    {
        CheckLengths(null, null, displayName);
        var canonicalRole = role is null ? null : RequireRole(role);
        var groupNames = groups is null ? null : GroupNames.Validate(groups);
        var user = await users.FindByIdAsync(id.ToString()) ?? throw new AccountException(AccountError.NotFound, $"There is no user {id}.");
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (displayName is not null)
        {
            user.DisplayName = displayName.Trim().Length == 0 ? null : displayName.Trim();
            Check(await users.UpdateAsync(user));
        }

        if (canonicalRole is not null)
        {
            await SetRoleAsync(user, canonicalRole);
        }

        if (groupNames is not null)
        {
            await EnsureGroupsAsync(groupNames, create: false, cancellationToken);
            await SetGroupsAsync(user.Id, groupNames, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return await ChangedAsync(user.Id, cancellationToken);
    }

    public async Task DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await db.Users.Where(u => u.Id == id).ExecuteDeleteAsync(cancellationToken) == 0)
        {
            throw new AccountException(AccountError.NotFound, $"There is no user {id}.");
        }

        await cache.ChangedAsync(id, cancellationToken);
    }

    public async Task<IReadOnlyList<UserAccess>> ListAsync(CancellationToken cancellationToken) =>
        await Rows(db, db.Users.OrderBy(u => u.Email)).ToListAsync(cancellationToken);

    public Task<UserAccess?> FindByEmailAsync(string email, CancellationToken cancellationToken)
    {
        var normalized = users.NormalizeEmail(NormalizeEmail(email));
        return Rows(db, db.Users.Where(u => u.NormalizedEmail == normalized)).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Checks a password and counts failures: <see cref="IdentitySettings.LockoutMaxFailedAttempts"/> in a row lock the account.</summary>
    public async Task<PasswordCheck> CheckPasswordAsync(string email, string password, CancellationToken cancellationToken)
    {
        using var activity = KnowledgeBaseTelemetry.Source.StartActivity("auth.password_sign_in");
        var user = await users.FindByEmailAsync(NormalizeEmail(email));
        var check = await CheckAsync(user, password, cancellationToken);
        activity?.SetTag("kb.auth.outcome", check.Outcome.ToString());
        IdentityMetrics.SignIns.Add(1, new KeyValuePair<string, object?>("outcome", OutcomeTag(check.Outcome)), new KeyValuePair<string, object?>("method", "password"));
        return check;
    }

    /// <summary>Creates the groups that do not exist yet (uploads and `kb users add` name groups freely).</summary>
    public async Task EnsureGroupsExistAsync(IReadOnlyList<string> groups, CancellationToken cancellationToken) =>
        await EnsureGroupsAsync(GroupNames.Validate(groups), create: true, cancellationToken);

    /// <summary>The user's current role and groups, straight from the database (null when the user is gone).</summary>
    internal static Task<UserAccess?> LoadAsync(KnowledgeBaseDbContext db, Guid id, CancellationToken cancellationToken) =>
        Rows(db, db.Users.Where(u => u.Id == id)).FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// Signs in a single sign-on identity: the local user linked to (issuer, subject), else a new employee. An existing
    /// account with the same e-mail is linked only when the provider verified the e-mail and the account is not an
    /// admin (an unverified address is anyone's to claim); otherwise the sign-in is refused with
    /// <see cref="AccountError.Conflict"/>. With <paramref name="providerManagesGroups"/>, the user's groups are set from
    /// the identity's (already mapped) groups; otherwise admins manage them here.
    /// </summary>
    public async Task<UserAccess> ProvisionExternalAsync(string provider, ExternalIdentity identity, bool providerManagesGroups, CancellationToken cancellationToken)
    {
        var groupNames = GroupNames.Validate(identity.Groups.Where(g => GroupNames.IsValid(g)));
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var user = await users.FindByLoginAsync(provider, identity.LoginKey);
        if (user is null)
        {
            user = await users.FindByEmailAsync(NormalizeEmail(identity.Email));
            if (user is null)
            {
                CheckLengths(identity.Email, null, null);
                user = new User
                {
                    Id = Guid.CreateVersion7(time.GetUtcNow()),
                    UserName = NormalizeEmail(identity.Email),
                    Email = NormalizeEmail(identity.Email),
                    EmailConfirmed = identity.EmailVerified,
                    CreatedAt = time.GetUtcNow(),
                    LockoutEnabled = true,
                };
                Check(await users.CreateAsync(user));
                await SetRoleAsync(user, Roles.Employee);
            }
            else if (await LinkRefusalAsync(user, provider, identity) is { } refusal)
            {
                IdentityMetrics.SignIns.Add(1, new KeyValuePair<string, object?>("outcome", "link_refused"), new KeyValuePair<string, object?>("method", "oidc"));
                throw new AccountException(AccountError.Conflict, refusal);
            }

            Check(await users.AddLoginAsync(user, new UserLoginInfo(provider, identity.LoginKey, provider)));
        }

        if (identity.DisplayName is { Length: > 0 } name && name != user.DisplayName && name.Length <= User.MaxDisplayNameLength)
        {
            user.DisplayName = name;
            Check(await users.UpdateAsync(user));
        }

        if (providerManagesGroups)
        {
            await EnsureGroupsAsync(groupNames, create: true, cancellationToken);
            await SetGroupsAsync(user.Id, groupNames, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        IdentityMetrics.SignIns.Add(1, new KeyValuePair<string, object?>("outcome", "success"), new KeyValuePair<string, object?>("method", "oidc"));
        return await ChangedAsync(user.Id, cancellationToken);
    }

    private async Task<PasswordCheck> CheckAsync(User? user, string password, CancellationToken cancellationToken)
    {
        if (user is null)
        {
            // Hash anyway, so the answer's timing does not reveal which emails have accounts.
            users.PasswordHasher.VerifyHashedPassword(new User(), DummyHash, password);
            return new PasswordCheck(PasswordCheckOutcome.Wrong);
        }

        if (await users.IsLockedOutAsync(user))
        {
            return new PasswordCheck(PasswordCheckOutcome.LockedOut, LockedOutUntil: user.LockoutEnd);
        }

        if (!await users.CheckPasswordAsync(user, password))
        {
            await users.AccessFailedAsync(user);
            return await users.IsLockedOutAsync(user)
                ? new PasswordCheck(PasswordCheckOutcome.LockedOut, LockedOutUntil: user.LockoutEnd)
                : new PasswordCheck(PasswordCheckOutcome.Wrong);
        }

        await users.ResetAccessFailedCountAsync(user);
        return new PasswordCheck(PasswordCheckOutcome.Success, await LoadAsync(db, user.Id, cancellationToken));
    }

    private async Task<User> CreateUserAsync(string email, string password, string? displayName)
    {
        var normalized = NormalizeEmail(email);
        var user = new User
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()),
            UserName = normalized,
            Email = normalized,
            EmailConfirmed = true,
            DisplayName = string.IsNullOrWhiteSpace(displayName) ? null : displayName.Trim(),
            CreatedAt = time.GetUtcNow(),
            LockoutEnabled = true,
        };
        Check(await users.CreateAsync(user, password));
        return user;
    }

    private async Task SetRoleAsync(User user, string role)
    {
        var current = await users.GetRolesAsync(user);
        if (current.Count == 1 && current[0] == role)
        {
            return;
        }

        if (current.Count > 0)
        {
            Check(await users.RemoveFromRolesAsync(user, current));
        }

        Check(await users.AddToRoleAsync(user, role));
    }

    private async Task SetGroupsAsync(Guid userId, IReadOnlyList<string> groups, CancellationToken cancellationToken)
    {
        await db.UserGroups.Where(g => g.UserId == userId && !groups.Contains(g.GroupName)).ExecuteDeleteAsync(cancellationToken);
        var existing = await db.UserGroups.Where(g => g.UserId == userId).Select(g => g.GroupName).ToListAsync(cancellationToken);
        db.UserGroups.AddRange(groups.Except(existing).Select(g => new UserGroup { UserId = userId, GroupName = g }));
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task EnsureGroupsAsync(IReadOnlyList<string> groups, bool create, CancellationToken cancellationToken)
    {
        if (groups.Count == 0)
        {
            return;
        }

        var existing = await db.Groups.Where(g => groups.Contains(g.Name)).Select(g => g.Name).ToListAsync(cancellationToken);
        var missing = groups.Except(existing).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        if (!create)
        {
            throw new AccountException(AccountError.Invalid, $"Unknown group(s): {string.Join(", ", missing)}. Create the group first, then choose it.");
        }

        foreach (var name in missing)
        {
            // Another request may create the same group meanwhile; that is fine.
            await db.Database.ExecuteSqlAsync($"INSERT INTO groups (name, created_at) VALUES ({name}, {time.GetUtcNow()}) ON CONFLICT (name) DO NOTHING", cancellationToken);
        }
    }

    private async Task<UserAccess> ChangedAsync(Guid id, CancellationToken cancellationToken)
    {
        await cache.ChangedAsync(id, cancellationToken);
        return await LoadAsync(db, id, cancellationToken) ?? throw new UnreachableException("The user was just written.");
    }

    private static IQueryable<UserAccess> Rows(KnowledgeBaseDbContext db, IQueryable<User> users) =>
        users.AsNoTracking().Select(u => new UserAccess(
            u.Id,
            u.Email!,
            u.DisplayName,
            db.UserRoles.Any(r => r.UserId == u.Id && r.RoleId == Roles.AdminId) ? Roles.Admin : Roles.Employee,
            db.UserGroups.Where(g => g.UserId == u.Id).OrderBy(g => g.GroupName).Select(g => g.GroupName).ToList(),
            u.SecurityStamp ?? string.Empty,
            u.LockoutEnd));

    private static string RequireRole(string role) =>
        Roles.Parse(role) ?? throw new AccountException(AccountError.Invalid, $"Unknown role '{role}'; use '{Roles.Admin}' or '{Roles.Employee}'.");

    private static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    /// <summary>Why an existing account must not be linked to this identity, or null when it may.</summary>
    private async Task<string?> LinkRefusalAsync(User user, string provider, ExternalIdentity identity)
    {
        if (!identity.EmailVerified)
        {
            return "An account with this e-mail already exists, and the identity provider has not verified the e-mail: ask an admin.";
        }

        if (await users.IsInRoleAsync(user, Roles.Admin))
        {
            return "Admin accounts are never linked to single sign-on automatically: sign in with the password.";
        }

        return (await users.GetLoginsAsync(user)).Any(l => l.LoginProvider == provider)
            ? "This account is already linked to another single sign-on identity."
            : null;
    }

    /// <summary>
    /// Signing out: a new security stamp makes every sign-in cookie issued before it invalid at its next request
    /// (a copied cookie cannot be replayed after logout). This ends the user's sessions in every browser, and on
    /// every API replica (the change is announced, so no replica keeps the old stamp in its principal cache).
    /// </summary>
    public async Task EndSessionsAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(id.ToString()) is { } user)
        {
            Check(await users.UpdateSecurityStampAsync(user));
        }

        await cache.ChangedAsync(id, cancellationToken);
    }

    /// <summary>Refuses values the columns cannot hold with a message naming the field (instead of a database error).</summary>
    private static void CheckLengths(string? email, string? password, string? displayName)
    {
        static void Check(string field, string? value, int max)
        {
            if (value?.Trim().Length > max)
            {
                throw new AccountException(AccountError.Invalid, $"'{field}' is too long ({value.Trim().Length:N0} characters; at most {max}).");
            }
        }

        Check("email", email, User.MaxEmailLength);
        Check("password", password, User.MaxPasswordLength);
        Check("displayName", displayName, User.MaxDisplayNameLength);
    }

    private static string OutcomeTag(PasswordCheckOutcome outcome) => outcome switch
    {
        PasswordCheckOutcome.Success => "success",
        PasswordCheckOutcome.LockedOut => "locked_out",
        _ => "failed",
    };

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            var conflict = result.Errors.Any(e => e.Code is "DuplicateUserName" or "DuplicateEmail" or "LoginAlreadyAssociated");
            throw new AccountException(conflict ? AccountError.Conflict : AccountError.Invalid, string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }

    private static readonly string DummyHash = new PasswordHasher<User>().HashPassword(new User(), Guid.NewGuid().ToString());
}

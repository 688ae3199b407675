using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Infrastructure.Identity;

/// <summary>Table names and keys of the identity tables (ASP.NET Core Identity's, groups, API keys).</summary>
internal static class IdentityModel
{
    public static void ConfigureIdentity(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<User>(u =>
        {
            u.ToTable("users");
            u.Property(x => x.DisplayName).HasMaxLength(200);
            u.HasIndex(x => x.NormalizedUserName).HasDatabaseName("ix_users_normalized_user_name");
            u.HasIndex(x => x.NormalizedEmail).HasDatabaseName("ix_users_normalized_email");
        });
        modelBuilder.Entity<IdentityRole<Guid>>(r =>
        {
            r.ToTable("roles");
            r.HasIndex(x => x.NormalizedName).HasDatabaseName("ix_roles_normalized_name");
            r.HasData(
                new IdentityRole<Guid> { Id = Roles.AdminId, Name = Roles.Admin, NormalizedName = "ADMIN", ConcurrencyStamp = "admin" },
                new IdentityRole<Guid> { Id = Roles.EmployeeId, Name = Roles.Employee, NormalizedName = "EMPLOYEE", ConcurrencyStamp = "employee" });
        });
        modelBuilder.Entity<IdentityUserRole<Guid>>().ToTable("user_roles");
        modelBuilder.Entity<IdentityUserClaim<Guid>>().ToTable("user_claims");
        modelBuilder.Entity<IdentityUserLogin<Guid>>().ToTable("user_logins");
        modelBuilder.Entity<IdentityUserToken<Guid>>().ToTable("user_tokens");
        modelBuilder.Entity<IdentityRoleClaim<Guid>>().ToTable("role_claims");

        modelBuilder.Entity<Group>(g =>
        {
            g.ToTable("groups");
            g.HasKey(x => x.Name);
            g.Property(x => x.Name).HasMaxLength(Group.MaxNameLength);
            g.Property(x => x.Description).HasMaxLength(500);
        });

        modelBuilder.Entity<UserGroup>(ug =>
        {
            ug.ToTable("user_groups");
            ug.HasKey(x => new { x.UserId, x.GroupName });
            ug.HasOne<User>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
            // Deleting a group removes its memberships; documents keep their own list (checked before deleting).
            ug.HasOne<Group>().WithMany().HasForeignKey(x => x.GroupName).OnDelete(DeleteBehavior.Cascade);
            ug.HasIndex(x => x.GroupName);
        });

        modelBuilder.Entity<ApiKey>(k =>
        {
            k.ToTable("api_keys");
            k.HasIndex(x => x.KeyHash).IsUnique();
            k.Property(x => x.Name).HasMaxLength(200);
            k.HasOne<User>().WithMany().HasForeignKey(x => x.CreatedBy).OnDelete(DeleteBehavior.SetNull);
        });
    }
}

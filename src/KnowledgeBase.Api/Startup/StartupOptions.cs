namespace KnowledgeBase.Api.Startup;

/// <summary>One-off work at start-up, for containers where no `kb` command runs first.</summary>
public sealed class StartupOptions
{
    public const string Section = "Startup";

    /// <summary>Apply pending migrations before serving (docker compose); run.sh uses `kb migrate` instead.</summary>
    public bool MigrateDatabase { get; set; }

    /// <summary>Migrate (and create the admin), then exit without serving: a Kubernetes migration Job.</summary>
    public bool MigrateOnly { get; set; }

    /// <summary>Creates this admin when no user with the email exists yet.</summary>
    public string? AdminEmail { get; set; }

    public string? AdminPassword { get; set; }
}

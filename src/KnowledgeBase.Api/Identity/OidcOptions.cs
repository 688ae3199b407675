using System.ComponentModel.DataAnnotations;
using KnowledgeBase.Infrastructure.Identity;

namespace KnowledgeBase.Api.Identity;

/// <summary>Single sign-on through an OpenID Connect provider; off unless Authority and ClientId are set.</summary>
public sealed class OidcOptions : IValidatableObject
{
    public const string Section = "Oidc";
    public const string Scheme = "oidc";
    public const string LoginPath = "/api/auth/oidc/login";

    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>The ID token or user-info claim that lists the user's groups.</summary>
    [Required]
    public string GroupsClaim { get; set; } = "groups";

    /// <summary>Provider groups taken as access groups under the same name (nothing here and no prefix: the provider's groups are ignored).</summary>
    public string[] AllowedGroups { get; set; } = [];

    /// <summary>Provider groups starting with this become access groups without it (<c>kb-</c>: <c>kb-hr</c> → <c>hr</c>).</summary>
    public string? GroupPrefix { get; set; }

    public ExternalGroupMapping GroupMapping => new(AllowedGroups, GroupPrefix);

    /// <summary>The sign-in button's text.</summary>
    [Required]
    public string DisplayName { get; set; } = "Single sign-on";

    /// <summary>Refuse an http:// authority (turn off only for a provider on this machine).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(Authority) != string.IsNullOrWhiteSpace(ClientId))
        {
            yield return new ValidationResult("Oidc:Authority and Oidc:ClientId must be set together.", [nameof(Authority), nameof(ClientId)]);
        }

        if (!string.IsNullOrWhiteSpace(Authority) && !Uri.TryCreate(Authority, UriKind.Absolute, out _))
        {
            yield return new ValidationResult("Oidc:Authority must be an absolute URL.", [nameof(Authority)]);
        }
    }
}

using System.Security.Claims;
using KnowledgeBase.Infrastructure.Identity;

namespace KnowledgeBase.Tests.Unit.Identity;

public sealed class ExternalIdentityTests
{
    private static ClaimsPrincipal Principal(params (string Type, string Value)[] claims) =>
        new(new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value)), "oidc"));

    [Fact]
    public void Raw_jwt_claims_map_to_subject_email_name_and_repeated_groups()
    {
        var identity = ExternalIdentity.FromClaims(
            Principal(("sub", "abc-123"), ("email", "Ada@Example.com"), ("name", "Ada Lovelace"), ("groups", "hr"), ("groups", "staff"), ("groups", "hr")),
            "groups");

        Assert.NotNull(identity);
        Assert.Equal("abc-123", identity.Subject);
        Assert.Equal("Ada@Example.com", identity.Email);
        Assert.Equal("Ada Lovelace", identity.DisplayName);
        Assert.Equal(["hr", "staff"], identity.Groups);
    }

    [Fact]
    public void A_groups_claim_holding_a_json_array_is_split()
    {
        var identity = ExternalIdentity.FromClaims(Principal(("sub", "s"), ("email", "a@b.example"), ("roles", """["finance", "legal"]""")), "roles");

        Assert.Equal(["finance", "legal"], identity!.Groups);
    }

    [Fact]
    public void Only_the_configured_groups_claim_counts()
    {
        var identity = ExternalIdentity.FromClaims(Principal(("sub", "s"), ("email", "a@b.example"), ("groups", "hr")), "kb_groups");

        Assert.Empty(identity!.Groups);
    }

    [Fact]
    public void Mapped_dotnet_claim_types_and_preferred_username_are_understood()
    {
        var identity = ExternalIdentity.FromClaims(
            Principal((ClaimTypes.NameIdentifier, "oid-1"), ("preferred_username", "bob@corp.example"), (ClaimTypes.Name, "Bob")), "groups");

        Assert.Equal("oid-1", identity!.Subject);
        Assert.Equal("bob@corp.example", identity.Email);
        Assert.Equal("Bob", identity.DisplayName);
    }

    [Theory]
    [InlineData("", "a@b.example")]
    [InlineData("sub-1", "")]
    [InlineData("sub-1", "not-an-email")]
    public void Without_a_subject_or_an_email_there_is_no_identity(string subject, string email)
    {
        var claims = new List<(string, string)>();
        if (subject.Length > 0)
        {
            claims.Add(("sub", subject));
        }

        if (email.Length > 0)
        {
            claims.Add(("email", email));
        }

        Assert.Null(ExternalIdentity.FromClaims(Principal([.. claims]), "groups"));
    }
}

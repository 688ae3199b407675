using System.Security.Claims;
using KnowledgeBase.Infrastructure.Identity;

namespace KnowledgeBase.Tests.Unit.Identity;

public sealed class ExternalIdentityTests
{
    private static readonly ExternalGroupMapping AllowHrAndStaff = new(["hr", "staff"], null);

    private static ClaimsPrincipal Principal(params (string Type, string Value)[] claims) =>
        new(new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value)), "oidc"));

    [Fact]
    public void Raw_jwt_claims_map_to_issuer_subject_email_name_and_allowed_groups()
    {
        var identity = ExternalIdentity.FromClaims(
            Principal(("iss", "https://idp.example"), ("sub", "abc-123"), ("email", "Ada@Example.com"), ("email_verified", "true"), ("name", "Ada Lovelace"),
                ("groups", "hr"), ("groups", "staff"), ("groups", "hr")),
            "groups", AllowHrAndStaff);

        Assert.NotNull(identity);
        Assert.Equal("https://idp.example", identity.Issuer);
        Assert.Equal("abc-123", identity.Subject);
        Assert.Equal("https://idp.example|abc-123", identity.LoginKey);
        Assert.Equal("Ada@Example.com", identity.Email);
        Assert.True(identity.EmailVerified);
        Assert.Equal("Ada Lovelace", identity.DisplayName);
        Assert.Equal(["hr", "staff"], identity.Groups);
    }

    [Fact]
    public void Without_email_verified_true_the_email_is_not_verified()
    {
        var unverified = ExternalIdentity.FromClaims(Principal(("iss", "i"), ("sub", "s"), ("email", "a@b.example")), "groups", AllowHrAndStaff);
        var falseClaim = ExternalIdentity.FromClaims(Principal(("iss", "i"), ("sub", "s"), ("email", "a@b.example"), ("email_verified", "false")), "groups", AllowHrAndStaff);

        Assert.False(unverified!.EmailVerified);
        Assert.False(falseClaim!.EmailVerified);
    }

    [Fact]
    public void A_groups_claim_holding_a_json_array_is_split()
    {
        var identity = ExternalIdentity.FromClaims(Principal(("iss", "i"), ("sub", "s"), ("email", "a@b.example"), ("roles", """["finance", "legal"]""")),
            "roles", new ExternalGroupMapping(["finance", "legal"], null));

        Assert.Equal(["finance", "legal"], identity!.Groups);
    }

    [Fact]
    public void Only_the_configured_groups_claim_counts()
    {
        var identity = ExternalIdentity.FromClaims(Principal(("iss", "i"), ("sub", "s"), ("email", "a@b.example"), ("groups", "hr")), "kb_groups", AllowHrAndStaff);

        Assert.Empty(identity!.Groups);
    }

    [Fact]
    public void Provider_groups_pass_only_through_the_allow_list_or_the_prefix()
    {
        var claims = Principal(("iss", "i"), ("sub", "s"), ("email", "a@b.example"),
            ("groups", "hr"), ("groups", "admins"), ("groups", "kb-finance"), ("groups", "kb-"), ("groups", "Domain Users"));

        Assert.Equal(["hr"], ExternalIdentity.FromClaims(claims, "groups", AllowHrAndStaff)!.Groups);
        Assert.Equal(["finance"], ExternalIdentity.FromClaims(claims, "groups", new ExternalGroupMapping([], "kb-"))!.Groups);
        Assert.Empty(ExternalIdentity.FromClaims(claims, "groups", ExternalGroupMapping.None)!.Groups);
        Assert.False(ExternalGroupMapping.None.Enabled);
    }

    [Fact]
    public void Preferred_username_and_upn_are_not_taken_as_the_email()
    {
        var preferred = ExternalIdentity.FromClaims(Principal(("iss", "i"), (ClaimTypes.NameIdentifier, "oid-1"), ("preferred_username", "admin@corp.example")), "groups", AllowHrAndStaff);
        var upn = ExternalIdentity.FromClaims(Principal(("iss", "i"), ("sub", "oid-1"), (ClaimTypes.Upn, "admin@corp.example")), "groups", AllowHrAndStaff);

        Assert.Null(preferred);
        Assert.Null(upn);
    }

    [Theory]
    [InlineData("", "a@b.example")]
    [InlineData("sub-1", "")]
    [InlineData("sub-1", "not-an-email")]
    public void Without_a_subject_or_an_email_there_is_no_identity(string subject, string email)
    {
        var claims = new List<(string, string)> { ("iss", "https://idp.example") };
        if (subject.Length > 0)
        {
            claims.Add(("sub", subject));
        }

        if (email.Length > 0)
        {
            claims.Add(("email", email));
        }

        Assert.Null(ExternalIdentity.FromClaims(Principal([.. claims]), "groups", AllowHrAndStaff));
    }
}

using KnowledgeBase.Infrastructure.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgeBase.Tests.Integration.Identity;

/// <summary>
/// Single sign-on identities are (issuer, subject): an e-mail claim alone never takes over an account — only a
/// verified e-mail links to an existing employee, never to an admin — and provider groups apply only when mapped.
/// </summary>
[Collection(IdentityCollection.Name)]
public sealed class OidcLinkingTests(IdentityApp fixture)
{
    private const string Issuer = "https://idp.identity.example";

    [Fact]
    public async Task An_unverified_email_does_not_link_to_an_existing_account()
    {
        await fixture.App.AddUserAsync("unverified@identity.example", IdentityApp.Password, Roles.Employee, "staff");

        var refused = await Assert.ThrowsAsync<AccountException>(() =>
            ProvisionAsync(new ExternalIdentity(Issuer, "attacker-1", "unverified@identity.example", false, null, [])));

        Assert.Equal(AccountError.Conflict, refused.Error);
        Assert.Contains("not verified", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_account_is_never_linked_even_with_a_verified_email()
    {
        var refused = await Assert.ThrowsAsync<AccountException>(() =>
            ProvisionAsync(new ExternalIdentity(Issuer, "attacker-2", IdentityApp.Admin, true, null, [])));

        Assert.Contains("Admin accounts", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_verified_email_links_an_employee_once_and_later_sign_ins_use_issuer_and_subject()
    {
        await fixture.App.AddUserAsync("verified@identity.example", IdentityApp.Password, Roles.Employee, "staff");

        var linked = await ProvisionAsync(new ExternalIdentity(Issuer, "sub-verified", "verified@identity.example", true, "Vera", ["hr"]));
        var again = await ProvisionAsync(new ExternalIdentity(Issuer, "sub-verified", "renamed@elsewhere.example", false, null, ["hr"]));
        var otherIssuer = await Assert.ThrowsAsync<AccountException>(() =>
            ProvisionAsync(new ExternalIdentity("https://other-idp.example", "sub-verified", "verified@identity.example", true, null, [])));

        Assert.Equal(linked.Id, again.Id);
        Assert.Equal(Roles.Employee, again.Role);
        // No group mapping configured: the provider's "hr" is ignored, the admin-assigned groups stay.
        Assert.Equal(["staff"], again.Groups);
        Assert.Contains("already linked", otherIssuer.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_identity_becomes_an_employee_with_only_mapped_groups()
    {
        var user = await ProvisionAsync(new ExternalIdentity(Issuer, "sub-new", "newcomer@identity.example", false, "New", ["finance"]), managesGroups: true);

        Assert.Equal(Roles.Employee, user.Role);
        Assert.Equal(["finance"], user.Groups);
    }

    private async Task<UserAccess> ProvisionAsync(ExternalIdentity identity, bool managesGroups = false)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UserDirectory>().ProvisionExternalAsync("oidc", identity, managesGroups, CancellationToken.None);
    }
}

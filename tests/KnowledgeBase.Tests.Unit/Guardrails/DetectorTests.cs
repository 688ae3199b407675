using KnowledgeBase.Core.Guardrails;
using KnowledgeBase.Core.Guardrails.Pii;
using KnowledgeBase.Core.Guardrails.Secrets;

namespace KnowledgeBase.Tests.Unit.Guardrails;

public sealed class DetectorTests
{
    private static List<Detection> Find(string text, GuardPolicy? policy = null)
    {
        var found = new List<Detection>();
        foreach (var detector in new GuardrailEngine(policy ?? GuardPolicy.Default).BaseDetectors)
        {
            detector.Detect(text, 0, found);
        }

        return found;
    }

    [Theory]
    [InlineData("Charge it to 4111 1111 1111 1111 please.", "pii.payment_card", "4111 1111 1111 1111")]
    [InlineData("Amex 3782-822463-10005 on file.", "pii.payment_card", "3782-822463-10005")]
    [InlineData("Card: 5555555555554444.", "pii.payment_card", "5555555555554444")]
    [InlineData("Send it to DE89 3704 0044 0532 0130 00 today.", "pii.iban", "DE89 3704 0044 0532 0130 00")]
    [InlineData("IBAN GB82WEST12345698765432", "pii.iban", "GB82WEST12345698765432")]
    [InlineData("Her SSN is 536-22-1234.", "pii.us_ssn", "536-22-1234")]
    [InlineData("social security number 536 22 1234", "pii.us_ssn", "536 22 1234")]
    [InlineData("Call +44 20 7946 0958 after nine.", "pii.phone", "+44 20 7946 0958")]
    [InlineData("Reach me at (555) 867-5309.", "pii.phone", "(555) 867-5309")]
    [InlineData("Phone: 5558675309", "pii.phone", "5558675309")]
    [InlineData("Write to jane.doe@example.org now.", "pii.email", "jane.doe@example.org")]
    [InlineData("The VPN server is at 203.0.113.42.", "pii.ip_address", "203.0.113.42")]
    [InlineData("host 2001:db8::8a2e:370:7334 answers", "pii.ip_address", "2001:db8::8a2e:370:7334")]
    public void Finds_personal_data_with_its_exact_span(string text, string rule, string value)
    {
        var hit = Assert.Single(Find(text), d => d.Rule == rule);
        Assert.Equal(value, text.Substring(hit.Start, hit.Length));
    }

    [Theory]
    [InlineData("ISBN 978-0-306-40615-7 is the second edition.")]
    [InlineData("Install version 10.0.19041.1 or later.")]
    [InlineData("Upgrade the agent to 1.2.3.4 before Friday.")]
    [InlineData("Your order number 1002345678901237 has shipped.")]
    [InlineData("Order #100234567890 was delivered.")]
    [InlineData("Use the brand colours #1a2b3c and #ffcc00.")]
    [InlineData("Commit 3f2b8c1e9d4a4e2b8f1c2a3b4c5d6e7f8a9b0c1d fixed it.")]
    [InlineData("Request 3f2b8c1e-9d4a-4e2b-8f1c-2a3b4c5d6e7f failed.")]
    [InlineData("The deductible is $1,500 per year and 20% after that.")]
    [InlineData("Part number 123-45-6789 fits the 2024 model.")]
    [InlineData("Card 4111 1111 1111 1112 fails the Luhn check.")]
    [InlineData("Meeting on 2024-03-15 at 10:30:45 in room 4.2.")]
    [InlineData("Push to git@github.com:lumen/robots.git first.")]
    [InlineData("Set the password: at least fourteen characters.")]
    [InlineData("The publishable key pk_live_51HxYzAbCdEfGh is public.")]
    [InlineData("See src/KnowledgeBase.Infrastructure/Answering/AskService for details.")]
    public void Leaves_look_alikes_alone(string text) => Assert.Empty(Find(text));

    [Fact]
    public void Context_words_decide_a_weak_match_both_ways()
    {
        Assert.Empty(Find("Reference 5558675309 in the subject line."));
        Assert.Single(Find("Mobile 5558675309 after six."));
        // A known issuer keeps a Luhn-valid number a card even after a lowering word: recall on cards comes first.
        Assert.Single(Find("Invoice 4000 0000 0000 0002 was paid."));
    }

    [Fact]
    public void Allowed_values_and_domains_are_not_personal()
    {
        var policy = new GuardPolicy { Pii = new PiiSettings { AllowedEmailDomains = ["lumen-robotics.example"], AllowedValues = ["+1 555 0100 200"] } };

        Assert.Empty(Find("Ask security@lumen-robotics.example or it@eu.lumen-robotics.example, or call +1 (555) 0100-200.", policy));
    }

    [Theory]
    [InlineData("aws_access_key_id = AKIAIOSFODNN7EXAMPLE", "secret.aws_key", "AKIAIOSFODNN7EXAMPLE")]
    [InlineData("aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "secret.aws_key", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")]
    [InlineData("token ghp_16C7e42F292c6912E7710c838347Ae178B4a in CI", "secret.github_token", "ghp_16C7e42F292c6912E7710c838347Ae178B4a")]
    [InlineData("glpat-xR4nd0mT0k3nV4lu3Zz9 is the runner token", "secret.gitlab_token", "glpat-xR4nd0mT0k3nV4lu3Zz9")]
    [InlineData("bot xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx", "secret.slack_token", "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx")]
    [InlineData("stripe sk_live_4eC39HqLyjWDarjtT1zdp7dc", "secret.stripe_key", "sk_live_4eC39HqLyjWDarjtT1zdp7dc")]
    [InlineData("OPENAI_API_KEY=sk-proj-AbCdEf0123456789GhIjKlMnOpQrStUv", "secret.openai_key", "sk-proj-AbCdEf0123456789GhIjKlMnOpQrStUv")]
    [InlineData("maps AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY", "secret.google_api_key", "AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY")]
    [InlineData("Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U", "secret.jwt", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U")]
    [InlineData("postgres://app:S3cr3t-Pa55@db.internal:5432/kb", "secret.password", "S3cr3t-Pa55")]
    [InlineData("Host=db;Username=kb;Password=kb-prod-2026;Database=kb", "secret.password", "kb-prod-2026")]
    [InlineData("The admin password is Tr0ub4dor&3 until Monday.", "secret.password", "Tr0ub4dor&3")]
    [InlineData("api_key: 9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c", "secret.generic", "9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c")]
    [InlineData("value Zk9xQ2hLc0pNd0F5R3RVbVhQcWJ2TmVSa0RqWWZMb0k rotates", "secret.generic", "Zk9xQ2hLc0pNd0F5R3RVbVhQcWJ2TmVSa0RqWWZMb0k")]
    public void Finds_secrets_with_the_sensitive_part_only(string text, string rule, string value)
    {
        var hits = Find(text);
        Assert.Contains(hits, d => d.Rule == rule && text.Substring(d.Start, d.Length) == value);
    }

    [Fact]
    public void A_private_key_block_is_found_whole_and_an_unfinished_one_to_the_end()
    {
        const string Key = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----";
        var whole = Assert.Single(Find($"key:\n{Key}\nthanks"));
        Assert.Equal(Key, $"key:\n{Key}\nthanks".Substring(whole.Start, whole.Length));

        var open = Assert.Single(Find("-----BEGIN PRIVATE KEY-----\nMIIEvQ"));
        Assert.Equal(GuardRules.PrivateKey, open.Rule);
    }

    [Theory]
    [InlineData("Password=${DB_PASSWORD};Host=db")]
    [InlineData("password: <your-password>")]
    [InlineData("token: ********")]
    [InlineData("-----BEGIN CERTIFICATE-----\nMIIC\n-----END CERTIFICATE-----")]
    public void Placeholders_and_public_material_are_not_secrets(string text) => Assert.Empty(Find(text));

    [Fact]
    public void Entropy_separates_random_keys_from_words()
    {
        Assert.True(Entropy.Of("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY") > SecretPatterns.BareEntropy);
        Assert.True(Entropy.Of("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa") < 1);
    }

    [Fact]
    public void Checksums_accept_valid_numbers_and_reject_typos()
    {
        Assert.True(Checksums.Luhn("4111111111111111"));
        Assert.False(Checksums.Luhn("4111111111111112"));
        Assert.True(Checksums.IbanMod97("DE89370400440532013000"));
        Assert.False(Checksums.IbanMod97("DE89370400440532013001"));
        Assert.False(Checksums.ValidSsn(666, 12, 3456));
        Assert.False(Checksums.ValidSsn(123, 0, 3456));
    }
}

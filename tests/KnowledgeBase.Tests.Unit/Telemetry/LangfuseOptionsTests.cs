using KnowledgeBase.Infrastructure.Telemetry;

namespace KnowledgeBase.Tests.Unit.Telemetry;

public sealed class LangfuseOptionsTests
{
    [Fact]
    public void Nothing_set_is_off_and_valid()
    {
        var options = new LangfuseOptions();
        Assert.False(options.Enabled);
        Assert.Null(options.Problem());
    }

    [Fact]
    public void A_half_configuration_names_what_is_missing()
    {
        var problem = new LangfuseOptions { BaseUrl = new Uri("https://cloud.langfuse.com"), PublicKey = "pk-lf-1" }.Problem();
        Assert.NotNull(problem);
        Assert.Contains("Langfuse:SecretKey", problem);
        Assert.DoesNotContain("Langfuse:PublicKey,", problem);

        Assert.Contains("Langfuse:BaseUrl", new LangfuseOptions { PublicKey = "pk", SecretKey = "sk" }.Problem());
    }

    [Fact]
    public void Endpoints_and_basic_auth_follow_langfuse_whatever_the_trailing_slash()
    {
        foreach (var baseUrl in new[] { "https://langfuse.example/", "https://langfuse.example" })
        {
            var options = new LangfuseOptions { BaseUrl = new Uri(baseUrl), PublicKey = "pk-lf-1", SecretKey = "sk-lf-2" };
            Assert.True(options.Enabled);
            Assert.Null(options.Problem());
            Assert.Equal("https://langfuse.example/api/public/otel/v1/traces", options.TracesEndpoint.ToString());
            Assert.Equal("https://langfuse.example/api/public/scores", options.ScoresEndpoint.ToString());
            Assert.Equal("Basic " + Convert.ToBase64String("pk-lf-1:sk-lf-2"u8.ToArray()), options.AuthorizationHeader);
        }

        var underPath = new LangfuseOptions { BaseUrl = new Uri("http://proxy.local/langfuse"), PublicKey = "p", SecretKey = "s" };
        Assert.Equal("http://proxy.local/langfuse/api/public/otel/v1/traces", underPath.TracesEndpoint.ToString());
    }

    [Fact]
    public void A_base_url_that_is_not_http_is_refused()
    {
        Assert.NotNull(new LangfuseOptions { BaseUrl = new Uri("ftp://langfuse.example"), PublicKey = "p", SecretKey = "s" }.Problem());
    }
}

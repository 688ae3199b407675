using System.Text.Json;
using System.Text.RegularExpressions;
using KnowledgeBase.Tests.Integration.Support;

namespace KnowledgeBase.Tests.Integration.Telemetry;

/// <summary>
/// The dashboards and alert rules in the repo, proven against a real Prometheus scraping the running app with
/// the repo's own scrape config: every panel query and every rule evaluates without error and returns series.
/// </summary>
[Collection(ObservabilityCollection.Name)]
public sealed partial class PrometheusProofTests(ObservabilityFixture fixture)
{
    private const string ScrapeToken = "proof-scrape-token";

    public static string DashboardsDirectory => Path.Combine(RepositoryPaths.Root, "infra", "grafana", "dashboards");

    [Fact]
    public async Task Every_dashboard_panel_and_every_rule_returns_data_from_a_real_prometheus()
    {
        Assert.True(File.Exists(PrometheusServer.Binary), "Prometheus is not installed (infra/dev/test.sh installs Debian's prometheus package)");
        await fixture.TrafficAsync();
        await using var prometheus = await PrometheusServer.StartAsync(fixture.App.BaseAddress, ScrapeToken);

        await prometheus.WaitUntilAsync(async () => (await prometheus.QueryAsync("count_over_time(up{job=\"knowledgebase-api\"}[1m]) >= 3")).Series == 1,
            TimeSpan.FromSeconds(30), "Prometheus did not scrape the app three times");
        await prometheus.WaitUntilAsync(async () => (await prometheus.QueryAsync("slo:kb_ask_errors:ratio_rate5m")).Series > 0 && (await prometheus.QueryAsync("kb:answer_cost:increase1h")).Series > 0,
            TimeSpan.FromSeconds(30), "the recording rules produced nothing");
        var api = Assert.Single(await prometheus.TargetsAsync(), t => t.Job == "knowledgebase-api");
        Assert.True(api.Health == "up", api.Error);

        var failures = new List<string>();
        foreach (var (dashboard, panel, expr) in PanelQueries())
        {
            var (error, series) = await prometheus.QueryAsync(Grafana(expr));
            if (error is not null || series == 0)
            {
                failures.Add($"{dashboard} / {panel}: {error ?? "no series"} — {expr}");
            }
        }

        var rules = await prometheus.RulesAsync();
        Assert.Equal(RuleCount(), rules.Count);
        foreach (var (name, query, health, lastError) in rules)
        {
            if (health == "err")
            {
                failures.Add($"rule {name}: {lastError}");
                continue;
            }

            var (error, series) = await prometheus.QueryAsync(PromQl.Relax(query));
            if (error is not null || series == 0)
            {
                failures.Add($"rule {name}: {error ?? "no series"} — {query}");
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task Dashboards_have_unique_ids_a_datasource_variable_units_and_only_metrics_the_app_exports()
    {
        await fixture.TrafficAsync();
        using var http = new HttpClient { BaseAddress = fixture.App.BaseAddress };
        var scrape = await http.GetStringAsync("/metrics");
        var exported = scrape.Split('\n').Where(l => l.Length > 0 && l[0] != '#').Select(l => MetricName().Match(l).Value).ToHashSet(StringComparer.Ordinal);
        var recorded = RuleNames();

        var files = Directory.GetFiles(DashboardsDirectory, "*.json");
        Assert.Equal(4, files.Length);
        var uids = new HashSet<string>();
        foreach (var file in files)
        {
            var name = Path.GetFileName(file);
            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(file));
            var root = json.RootElement;
            Assert.True(uids.Add(root.GetProperty("uid").GetString()!), $"{name}: duplicate dashboard uid");
            Assert.Contains(root.GetProperty("templating").GetProperty("list").EnumerateArray(),
                v => v.GetProperty("name").GetString() == "datasource" && v.GetProperty("type").GetString() == "datasource" && v.GetProperty("query").GetString() == "prometheus");

            var panels = root.GetProperty("panels").EnumerateArray().ToList();
            Assert.NotEmpty(panels);
            Assert.Equal(panels.Count, panels.Select(p => p.GetProperty("id").GetInt32()).Distinct().Count());
            foreach (var panel in panels)
            {
                var title = panel.GetProperty("title").GetString();
                Assert.False(string.IsNullOrWhiteSpace(title), $"{name}: a panel without a title");
                Assert.Equal("${datasource}", panel.GetProperty("datasource").GetProperty("uid").GetString());
                Assert.False(string.IsNullOrEmpty(panel.GetProperty("fieldConfig").GetProperty("defaults").GetProperty("unit").GetString()), $"{name} / {title}: no unit");
                foreach (var target in panel.GetProperty("targets").EnumerateArray())
                {
                    Assert.Equal("${datasource}", target.GetProperty("datasource").GetProperty("uid").GetString());
                    foreach (var metric in PromQl.MetricNames(target.GetProperty("expr").GetString()!))
                    {
                        Assert.True(metric.Contains(':', StringComparison.Ordinal) ? recorded.Contains(metric) : exported.Contains(metric),
                            $"{name} / {title}: {metric} is neither in the app's /metrics nor a recording rule");
                    }
                }
            }
        }
    }

    [Fact]
    public void Relaxing_a_condition_keeps_label_matchers_and_adds_bool_to_every_comparison()
    {
        Assert.Equal("a{x!=\"\",y=~\"a|b\"} > bool 0.1 and b >= bool 2 or c == bool 0", PromQl.Relax("a{x!=\"\",y=~\"a|b\"} > 0.1 and b >= 2 or c == 0"));
        Assert.Equal("a > bool 1", PromQl.Relax("a > bool 1"));
        Assert.Equal(new HashSet<string> { "kb_asks_total", "slo:kb_ask_errors:ratio_rate5m" },
            PromQl.MetricNames("sum by (outcome) (rate(kb_asks_total{outcome=\"done\"}[5m])) / on() group_left slo:kb_ask_errors:ratio_rate5m > 1e-9"));
    }

    private static IEnumerable<(string Dashboard, string Panel, string Expr)> PanelQueries()
    {
        foreach (var file in Directory.GetFiles(DashboardsDirectory, "*.json"))
        {
            using var json = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var panel in json.RootElement.GetProperty("panels").EnumerateArray())
            {
                foreach (var target in panel.GetProperty("targets").EnumerateArray())
                {
                    yield return (Path.GetFileName(file), panel.GetProperty("title").GetString()!, target.GetProperty("expr").GetString()!);
                }
            }
        }
    }

    /// <summary>Grafana's own variables, as Grafana would fill them in for a short time range.</summary>
    private static string Grafana(string expr) =>
        expr.Replace("$__rate_interval", "1m", StringComparison.Ordinal).Replace("$__range", "1h", StringComparison.Ordinal).Replace("$__interval", "15s", StringComparison.Ordinal);

    private static int RuleCount() => RuleFiles().Sum(text => RuleLine().Count(text));

    private static HashSet<string> RuleNames() =>
        RuleFiles().SelectMany(text => RecordLine().Matches(text).Select(m => m.Groups[1].Value)).ToHashSet(StringComparer.Ordinal);

    private static IEnumerable<string> RuleFiles() => Directory.GetFiles(PrometheusServer.RulesDirectory, "*.yml").Select(File.ReadAllText);

    [GeneratedRegex("^[a-zA-Z_:][a-zA-Z0-9_:]*")]
    private static partial Regex MetricName();

    [GeneratedRegex("(?m)^\\s*- (record|alert):")]
    private static partial Regex RuleLine();

    [GeneratedRegex("(?m)^\\s*- record: (\\S+)")]
    private static partial Regex RecordLine();
}

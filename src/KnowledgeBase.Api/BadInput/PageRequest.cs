using System.Globalization;

namespace KnowledgeBase.Api.BadInput;

/// <summary>
/// <c>offset</c> and <c>limit</c> of a list endpoint. The body stays a plain array (older clients keep working);
/// the number of matching items goes in <see cref="TotalCountHeader"/>. No limit means the endpoint's own cap.
/// </summary>
public sealed record PageRequest(int Offset, int? Limit)
{
    public const string TotalCountHeader = "X-Total-Count";

    public const int MaxLimit = 500;

    public static readonly PageRequest All = new(0, null);

    /// <summary>The page, or a problem naming the bad parameter.</summary>
    public static (PageRequest? Page, string? Problem) Parse(string? offset, string? limit)
    {
        var start = 0;
        if (!string.IsNullOrEmpty(offset) && (!int.TryParse(offset, NumberStyles.None, CultureInfo.InvariantCulture, out start) || start < 0))
        {
            return (null, "'offset' must be a whole number from 0.");
        }

        if (string.IsNullOrEmpty(limit))
        {
            return (new PageRequest(start, null), null);
        }

        return int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size is >= 1 and <= MaxLimit
            ? (new PageRequest(start, size), null)
            : (null, $"'limit' must be a whole number from 1 to {MaxLimit}.");
    }

    public IQueryable<T> Apply<T>(IQueryable<T> query, int cap) => query.Skip(Offset).Take(Math.Min(Limit ?? cap, cap));

    public IEnumerable<T> Apply<T>(IEnumerable<T> items) => Limit is { } size ? items.Skip(Offset).Take(size) : items.Skip(Offset);

    public static void WriteTotal(HttpResponse response, int total) =>
        response.Headers[TotalCountHeader] = total.ToString(CultureInfo.InvariantCulture);
}

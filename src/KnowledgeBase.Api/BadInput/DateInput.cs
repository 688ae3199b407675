using System.Globalization;

namespace KnowledgeBase.Api.BadInput;

public static class DateInput
{
    /// <summary>An optional UTC day written <c>yyyy-MM-dd</c>, or a problem naming the field.</summary>
    public static (DateOnly? Date, string? Problem) Parse(string field, string? value) =>
        string.IsNullOrEmpty(value) ? (null, null)
        : DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? (date, null)
        : (null, $"'{field}' must be a date written yyyy-MM-dd.");
}

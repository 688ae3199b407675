using Microsoft.AspNetCore.Http.HttpResults;

namespace KnowledgeBase.Api.BadInput;

/// <summary>One short, single-line text field checked at the edge; every problem names the field.</summary>
public static class TextInput
{
    /// <summary>Why <paramref name="value"/> cannot be used, or null: the API-wide <see cref="TextRules"/>, then control characters (refused, not stripped) and the field's own length.</summary>
    public static string? Problem(string field, string? value, int maxLength, bool allowEmpty = false)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return allowEmpty ? null : $"'{field}' is required.";
        }

        if (TextRules.Problem(value) is { } unusable)
        {
            return $"'{field}' {unusable}.";
        }

        if (value.Any(char.IsControl))
        {
            return $"'{field}' contains a control character (such as a line break); use one line of text.";
        }

        var length = value.Trim().Length;
        return length > maxLength ? $"'{field}' is too long ({length} characters; at most {maxLength})." : null;
    }

    public static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid request", detail: detail);

    /// <summary>The text as a literal inside a LIKE pattern (PostgreSQL's default escape character is the backslash).</summary>
    public static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}

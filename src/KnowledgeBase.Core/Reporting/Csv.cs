using System.Globalization;
using System.Text;

namespace KnowledgeBase.Core.Reporting;

/// <summary>
/// RFC 4180 CSV fields, safe to open in a spreadsheet: a field that a spreadsheet would run as a formula
/// (starting with = + - @, or a tab or carriage return) gets a leading apostrophe, and any field with a
/// quote, comma or line break is quoted with its quotes doubled.
/// </summary>
public static class Csv
{
    public static string Row(params object?[] fields)
    {
        var line = new StringBuilder();
        for (var i = 0; i < fields.Length; i++)
        {
            if (i > 0)
            {
                line.Append(',');
            }

            line.Append(Field(fields[i]));
        }

        return line.Append("\r\n").ToString();
    }

    public static string Field(object? value)
    {
        var text = value switch
        {
            null => string.Empty,
            DateTimeOffset d => d.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            bool b => b ? "true" : "false",
            // Stored money has a fixed scale (0.00120000); written without the trailing zeros.
            decimal m => m.ToString("0.############################", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? string.Empty,
        };

        // Numbers are written by us, never by a user: a negative number stays a number.
        if (value is string && text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            text = "'" + text;
        }

        return text.AsSpan().IndexOfAny("\",\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }
}

using System.Text.Json;
using System.Text.RegularExpressions;

namespace KnowledgeBase.Api.BadInput;

/// <summary>
/// Turns the framework's binding failures (whose messages name .NET types) into a sentence a client can act on,
/// naming the field: a JSON path such as <c>$.groups[1]</c>, or a query/route parameter.
/// </summary>
public static partial class BadRequestDetail
{
    public sealed record Detail(int Status, string Message, string? Field);

    public static Detail From(BadHttpRequestException exception)
    {
        if (FindJsonException(exception) is { } json)
        {
            return FromJson(json);
        }

        var message = exception.Message;
        if (exception.StatusCode == StatusCodes.Status415UnsupportedMediaType)
        {
            return new(StatusCodes.Status415UnsupportedMediaType, "The request body must be JSON (Content-Type: application/json).", null);
        }

        if (FailedToBind().Match(message) is { Success: true } bind)
        {
            var name = bind.Groups["name"].Value;
            return new(StatusCodes.Status400BadRequest,
                $"The parameter '{name}' must be {Expected(bind.Groups["type"].Value)}; \"{Shorten(bind.Groups["value"].Value)}\" is not.", name);
        }

        if (RequiredParameter().Match(message) is { Success: true } required)
        {
            var name = required.Groups["name"].Value;
            return required.Groups["source"].Value == "body"
                ? new(StatusCodes.Status400BadRequest, "A JSON request body is required.", null)
                : new(StatusCodes.Status400BadRequest, $"The parameter '{name}' is required.", name);
        }

        if (message.StartsWith("Implicit body inferred", StringComparison.Ordinal))
        {
            return new(StatusCodes.Status400BadRequest, "A JSON request body is required.", null);
        }

        return exception.StatusCode == StatusCodes.Status413PayloadTooLarge
            ? new(StatusCodes.Status413PayloadTooLarge, "The request body is too large.", null)
            : new(exception.StatusCode, "The request could not be read.", null);
    }

    public static Detail FromJson(JsonException json)
    {
        var path = string.IsNullOrEmpty(json.Path) ? "$" : json.Path;
        var field = path == "$" ? null : path;
        if (json is BadJsonValueException)
        {
            return new(StatusCodes.Status400BadRequest, $"'{path}' {json.Message}.", field);
        }

        // The serializer's own message names .NET types: say what was expected in JSON terms instead.
        return ConvertedTo().Match(json.Message) is { Success: true } converted
            ? new(StatusCodes.Status400BadRequest, $"'{path}' must be {Expected(converted.Groups["type"].Value)}.", field)
            : new(StatusCodes.Status400BadRequest, $"The request body is not valid JSON (at '{path}').", field);
    }

    private static JsonException? FindJsonException(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is JsonException json)
            {
                return json;
            }
        }

        return null;
    }

    /// <summary>A JSON/HTTP description of a .NET type name as the framework prints it (<c>int?</c>, <c>System.Guid</c>, <c>List`1[...]</c>).</summary>
    private static string Expected(string type)
    {
        var name = type.Replace("System.Nullable`1[", string.Empty, StringComparison.Ordinal).TrimEnd('?', ']');
        name = name[(name.LastIndexOf('.') + 1)..];
        return name switch
        {
            "Guid" => "an id (a GUID such as 0195f5a2-7c1e-7d3b-9a4e-2f1c3d4e5f60)",
            "int" or "Int32" or "long" or "Int64" or "short" or "Int16" => "a whole number",
            "double" or "Double" or "float" or "Single" or "decimal" or "Decimal" => "a number",
            "bool" or "Boolean" => "true or false",
            "DateOnly" => "a date (yyyy-MM-dd)",
            "DateTime" or "DateTimeOffset" => "a date and time (ISO 8601)",
            "string" or "String" or "Char" => "a string",
            _ when type.Contains("List", StringComparison.Ordinal) || type.Contains("[]", StringComparison.Ordinal)
                || type.Contains("Enumerable", StringComparison.Ordinal) => "an array",
            _ => "of the documented type and format",
        };
    }

    private static string Shorten(string value) => value.Length <= 40 ? value : string.Concat(value.AsSpan(0, 40), "…");

    [GeneratedRegex("""^Failed to bind parameter "(?<type>.+) (?<name>[^ ]+)" from "(?<value>.*)"\.$""", RegexOptions.Singleline)]
    private static partial Regex FailedToBind();

    [GeneratedRegex("""^Required parameter "(?<type>.+) (?<name>[^ ]+)" was not provided from (?<source>[a-z ]+)\.""")]
    private static partial Regex RequiredParameter();

    [GeneratedRegex("""could not be converted to (?<type>[\w.`\[\], ]+?)\. """)]
    private static partial Regex ConvertedTo();
}

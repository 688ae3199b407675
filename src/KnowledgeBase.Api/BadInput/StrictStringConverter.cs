using System.Text.Json;
using System.Text.Json.Serialization;

namespace KnowledgeBase.Api.BadInput;

/// <summary>
/// Reads every JSON string through <see cref="TextRules"/>, so a NUL, a lone surrogate or a 10 MB value is a
/// binding failure naming its JSON path (see <see cref="BadRequestDetail"/>) instead of reaching PostgreSQL.
/// </summary>
public sealed class StrictStringConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new BadJsonValueException("must be a string");
        }

        var value = reader.GetString()!;
        return TextRules.Problem(value) is { } problem ? throw new BadJsonValueException(problem) : value;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}

/// <summary>A JSON value refused with a message fit for the client (the serializer adds the path).</summary>
public sealed class BadJsonValueException(string problem) : JsonException(problem);

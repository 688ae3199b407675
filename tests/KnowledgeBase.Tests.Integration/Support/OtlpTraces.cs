using System.Buffers.Binary;
using System.Text;

namespace KnowledgeBase.Tests.Integration.Support;

/// <summary>One span of an OTLP export request, decoded from the wire.</summary>
public sealed record OtlpSpan(
    string TraceId, string SpanId, string ParentSpanId, string Name, string Scope, IReadOnlyDictionary<string, object> Attributes, IReadOnlyDictionary<string, object> Resource);

/// <summary>
/// Decodes an OTLP/HTTP protobuf ExportTraceServiceRequest with the protobuf wire format alone (the OTLP
/// .proto package is not available here): resource_spans(1) → resource(1).attributes(1), scope_spans(2) →
/// scope(1).name(1), spans(2) → trace_id(1), span_id(2), parent_span_id(4), name(5), attributes(9); KeyValue
/// key(1) value(2); AnyValue string(1) bool(2) int(3) double(4) array(5).
/// </summary>
public static class OtlpTraces
{
    public static List<OtlpSpan> Decode(byte[] request)
    {
        var spans = new List<OtlpSpan>();
        foreach (var (field, resourceSpans) in Fields(request))
        {
            if (field != 1)
            {
                continue;
            }

            var resource = new Dictionary<string, object>();
            foreach (var (f, value) in Fields(resourceSpans))
            {
                if (f == 1)
                {
                    AddAttributes(resource, value, attributeField: 1);
                }
            }

            foreach (var (f, scopeSpans) in Fields(resourceSpans))
            {
                if (f != 2)
                {
                    continue;
                }

                var scope = string.Empty;
                foreach (var (sf, value) in Fields(scopeSpans))
                {
                    if (sf == 1)
                    {
                        scope = Fields(value).Where(x => x.Field == 1).Select(x => Encoding.UTF8.GetString(x.Value)).FirstOrDefault() ?? string.Empty;
                    }
                    else if (sf == 2)
                    {
                        spans.Add(Span(value, scope, resource));
                    }
                }
            }
        }

        return spans;
    }

    private static OtlpSpan Span(byte[] span, string scope, Dictionary<string, object> resource)
    {
        string traceId = string.Empty, spanId = string.Empty, parent = string.Empty, name = string.Empty;
        var attributes = new Dictionary<string, object>();
        foreach (var (field, value) in Fields(span))
        {
            switch (field)
            {
                case 1: traceId = Convert.ToHexStringLower(value); break;
                case 2: spanId = Convert.ToHexStringLower(value); break;
                case 4: parent = Convert.ToHexStringLower(value); break;
                case 5: name = Encoding.UTF8.GetString(value); break;
                case 9: AddAttribute(attributes, value); break;
            }
        }

        return new OtlpSpan(traceId, spanId, parent, name, scope, attributes, resource);
    }

    private static void AddAttributes(Dictionary<string, object> into, byte[] message, int attributeField)
    {
        foreach (var (field, value) in Fields(message))
        {
            if (field == attributeField)
            {
                AddAttribute(into, value);
            }
        }
    }

    private static void AddAttribute(Dictionary<string, object> into, byte[] keyValue)
    {
        string? key = null;
        object? value = null;
        foreach (var (field, bytes) in Fields(keyValue))
        {
            if (field == 1)
            {
                key = Encoding.UTF8.GetString(bytes);
            }
            else if (field == 2)
            {
                value = AnyValue(bytes);
            }
        }

        if (key is not null && value is not null)
        {
            into[key] = value;
        }
    }

    private static object? AnyValue(byte[] any)
    {
        foreach (var (field, bytes) in Fields(any))
        {
            switch (field)
            {
                case 1: return Encoding.UTF8.GetString(bytes);
                case 2: return ReadVarint(bytes, 0).Value != 0;
                case 3: return (long)ReadVarint(bytes, 0).Value;
                case 4: return BitConverter.Int64BitsToDouble(BinaryPrimitives.ReadInt64LittleEndian(bytes));
                case 5: return Fields(bytes).Where(x => x.Field == 1).Select(x => AnyValue(x.Value)).ToList();
            }
        }

        return null;
    }

    /// <summary>The fields of a message; varints and fixed-width values come back as their raw little-endian bytes.</summary>
    private static List<(int Field, byte[] Value)> Fields(byte[] message)
    {
        var fields = new List<(int, byte[])>();
        var position = 0;
        while (position < message.Length)
        {
            var (tag, next) = ReadVarint(message, position);
            position = next;
            var field = (int)(tag >> 3);
            switch ((int)(tag & 7))
            {
                case 0:
                    var start = position;
                    (_, position) = ReadVarint(message, position);
                    fields.Add((field, message[start..position]));
                    break;
                case 1:
                    fields.Add((field, message[position..(position + 8)]));
                    position += 8;
                    break;
                case 2:
                    var (length, at) = ReadVarint(message, position);
                    fields.Add((field, message[at..(at + (int)length)]));
                    position = at + (int)length;
                    break;
                case 5:
                    fields.Add((field, message[position..(position + 4)]));
                    position += 4;
                    break;
                default:
                    throw new FormatException($"Unsupported protobuf wire type {tag & 7} at byte {position}.");
            }
        }

        return fields;
    }

    private static (ulong Value, int Next) ReadVarint(byte[] bytes, int position)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = bytes[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return (value, position);
            }
        }
    }
}

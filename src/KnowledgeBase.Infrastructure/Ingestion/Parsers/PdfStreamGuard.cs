using System.Buffers;
using System.IO.Compression;

namespace KnowledgeBase.Infrastructure.Ingestion.Parsers;

/// <summary>
/// Inspects a PDF before PdfPig opens it: every Flate-compressed stream is inflated here into nothing,
/// counting the bytes it produces, and a file whose streams would expand beyond
/// <see cref="MaxStreamBytes"/> each or <see cref="MaxExpandedBytes"/> together is refused (PdfPig
/// inflates a stream whole, in memory, when it reads it: a few MB of zeros can expand to gigabytes).
/// Streams that do not inflate (other filters, damage) are left for PdfPig to judge.
/// </summary>
public sealed class PdfStreamGuard
{
    private const int DictionaryWindow = 2048;
    private const int BufferSize = 81_920;

    public long MaxStreamBytes { get; init; } = 256L * 1024 * 1024;

    public long MaxExpandedBytes { get; init; } = 1024L * 1024 * 1024;

    public void Inspect(ReadOnlyMemory<byte> pdf, CancellationToken cancellationToken)
    {
        long total = 0;
        foreach (var data in FlateStreams(pdf))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var expanded = Inflate(data, Math.Min(MaxStreamBytes, MaxExpandedBytes - total), cancellationToken);
            if (expanded > MaxStreamBytes)
            {
                throw new DocumentRejectedException(
                    $"A stream in the PDF expands to more than {MaxStreamBytes / (1024 * 1024)} MB; it looks like a decompression bomb and was refused.");
            }

            if ((total += expanded) > MaxExpandedBytes)
            {
                throw new DocumentRejectedException(
                    $"The PDF's streams expand to more than {MaxExpandedBytes / (1024 * 1024)} MB together; it looks like a decompression bomb and was refused.");
            }
        }
    }

    /// <summary>
    /// The data of every <c>stream … endstream</c> whose dictionary (the text since its <c>obj</c>, within
    /// <see cref="DictionaryWindow"/> bytes) names FlateDecode. The data ends at the next <c>endstream</c>:
    /// inflating stops at the end of the compressed data anyway.
    /// </summary>
    private static IEnumerable<ReadOnlyMemory<byte>> FlateStreams(ReadOnlyMemory<byte> pdf)
    {
        var position = 0;
        while (position < pdf.Length)
        {
            var found = pdf.Span[position..].IndexOf("stream"u8);
            if (found < 0)
            {
                yield break;
            }

            var keyword = position + found;
            position = keyword + "stream".Length;
            if (keyword >= 3 && pdf.Span[(keyword - 3)..keyword].SequenceEqual("end"u8))
            {
                continue;
            }

            var start = position;
            if (start < pdf.Length && pdf.Span[start] == '\r')
            {
                start++;
            }

            if (start >= pdf.Length || pdf.Span[start] != '\n')
            {
                continue;
            }

            start++;
            var window = pdf.Span[Math.Max(0, keyword - DictionaryWindow)..keyword];
            var dictionary = window[(window.LastIndexOf("obj"u8) + 1)..];
            if (dictionary.IndexOf("/FlateDecode"u8) < 0)
            {
                continue;
            }

            var end = pdf.Span[start..].IndexOf("endstream"u8);
            var data = end < 0 ? pdf[start..] : pdf.Slice(start, end);
            position = start + data.Length;
            yield return data;
        }
    }

    /// <summary>Bytes the data inflates to, counting stops just past <paramref name="limit"/>; 0 when it is not zlib data.</summary>
    private static long Inflate(ReadOnlyMemory<byte> data, long limit, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        long total = 0;
        try
        {
            using var input = ZipArchiveGuard.AsStream(data);
            using var inflater = new ZLibStream(input, CompressionMode.Decompress);
            int read;
            while (total <= limit && (read = inflater.Read(buffer, 0, BufferSize)) > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                total += read;
            }
        }
        catch (InvalidDataException)
        {
            // Not (or not entirely) zlib data: what inflated so far still counts.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return total;
    }
}

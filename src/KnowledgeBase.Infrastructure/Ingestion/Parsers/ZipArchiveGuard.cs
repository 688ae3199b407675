using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Xml;
using KnowledgeBase.Infrastructure.Storage;

namespace KnowledgeBase.Infrastructure.Ingestion.Parsers;

/// <summary>
/// Inspects a ZIP-based upload (DOCX) before any library unpacks it: refuses archives that would
/// expand beyond <see cref="MaxExpandedBytes"/>, entries compressed suspiciously well (ZIP bombs),
/// archives with too many entries, and archives that are not Word documents. The sizes in the
/// central directory are declared by the uploader and can lie, so every XML part is also
/// decompressed here with the bytes actually produced counted against its declared size and
/// <see cref="MaxPartBytes"/>, and read with its nesting bounded by <see cref="MaxXmlDepth"/> (the
/// SDK and the parser walk the XML recursively: a deep enough part would overflow the stack).
/// </summary>
public sealed class ZipArchiveGuard
{
    public const string MainDocumentEntry = "word/document.xml";

    private const long MaxRelationshipsBytes = 1024 * 1024;

    /// <summary>The most the whole archive may expand to (sum of the entries' uncompressed sizes).</summary>
    public long MaxExpandedBytes { get; init; } = 256L * 1024 * 1024;

    public int MaxEntries { get; init; } = 10_000;

    /// <summary>Uncompressed to compressed size; checked only for entries larger than <see cref="RatioCheckMinBytes"/>.</summary>
    public double MaxCompressionRatio { get; init; } = 200;

    public long RatioCheckMinBytes { get; init; } = 1024 * 1024;

    /// <summary>The most one XML part (the document body, styles…) may expand to.</summary>
    public long MaxPartBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>The deepest element nesting accepted in an XML part (Word's own documents stay far below).</summary>
    public int MaxXmlDepth { get; init; } = 128;

    /// <summary>Checks the archive and returns the name of its main document entry, or throws <see cref="DocumentRejectedException"/>.</summary>
    public string Inspect(ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        try
        {
            using var archive = new ZipArchive(AsStream(content), ZipArchiveMode.Read);
            CheckDeclaredSizes(archive);
            var main = FindMainDocument(archive);
            foreach (var part in archive.Entries.Where(IsXmlPart))
            {
                CheckPart(part, cancellationToken);
            }

            return main.FullName;
        }
        catch (Exception e) when (e is not DocumentRejectedException and not OperationCanceledException)
        {
            throw new DocumentRejectedException($"The file is not a readable DOCX document ({e.Message.TrimEnd('.')}).", e);
        }
    }

    /// <summary>A read-only stream over the bytes, without copying them when they live in an array.</summary>
    internal static MemoryStream AsStream(ReadOnlyMemory<byte> content) =>
        MemoryMarshal.TryGetArray(content, out var segment) && segment.Array is not null
            ? new MemoryStream(segment.Array, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(content.ToArray(), writable: false);

    private void CheckDeclaredSizes(ZipArchive archive)
    {
        if (archive.Entries.Count > MaxEntries)
        {
            throw new DocumentRejectedException(
                $"The DOCX file has {archive.Entries.Count:N0} entries inside (at most {MaxEntries:N0} are accepted); it looks like a ZIP bomb and was refused.");
        }

        long total = 0;
        foreach (var entry in archive.Entries)
        {
            if (entry.Length > MaxExpandedBytes || (total += entry.Length) > MaxExpandedBytes)
            {
                throw new DocumentRejectedException(
                    $"The DOCX file expands to more than {Size(MaxExpandedBytes)} when unpacked (at least {Size(Math.Max(total, entry.Length))}); it looks like a ZIP bomb and was refused.");
            }

            if (entry.Length > RatioCheckMinBytes && (entry.CompressedLength == 0 || (double)entry.Length / entry.CompressedLength > MaxCompressionRatio))
            {
                var ratio = entry.CompressedLength == 0 ? "an unbounded ratio" : $"{entry.Length / entry.CompressedLength:N0}:1";
                throw new DocumentRejectedException(
                    $"The DOCX entry '{Name(entry)}' expands to {Size(entry.Length)} from {Size(entry.CompressedLength)} ({ratio}, at most {MaxCompressionRatio:N0}:1 is accepted); it looks like a ZIP bomb and was refused.");
            }
        }
    }

    /// <summary>word/document.xml, or wherever the package relationships point the office document (some editors write document2.xml).</summary>
    private static ZipArchiveEntry FindMainDocument(ZipArchive archive)
    {
        var main = archive.GetEntry(MainDocumentEntry);
        if (main is null && archive.GetEntry("_rels/.rels") is { } rels && rels.Length <= MaxRelationshipsBytes)
        {
            var target = OfficeDocumentTarget(rels);
            main = target is null ? null : archive.GetEntry(target);
        }

        return main ?? throw new DocumentRejectedException(
            $"The file is a ZIP archive but not a Word document (it has no {MainDocumentEntry}).");
    }

    private static string? OfficeDocumentTarget(ZipArchiveEntry rels)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = MaxRelationshipsBytes };
        using var reader = XmlReader.Create(rels.Open(), settings);
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "Relationship"
                && reader.GetAttribute("Type")?.EndsWith("/officeDocument", StringComparison.Ordinal) == true
                && reader.GetAttribute("TargetMode") is null or "Internal")
            {
                return reader.GetAttribute("Target")?.TrimStart('/');
            }
        }

        return null;
    }

    private static bool IsXmlPart(ZipArchiveEntry entry) =>
        entry.FullName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) || entry.FullName.EndsWith(".rels", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Reads the part as XML into nothing, counting the bytes it actually expands to (stopping once they pass
    /// what its directory entry declares, or <see cref="MaxPartBytes"/>) and how deep its elements nest.
    /// </summary>
    private void CheckPart(ZipArchiveEntry entry, CancellationToken cancellationToken)
    {
        var limit = Math.Min(entry.Length, MaxPartBytes);
        if (entry.Length > MaxPartBytes)
        {
            throw new DocumentRejectedException(
                $"The DOCX part '{Name(entry)}' expands to {Size(entry.Length)} (at most {Size(MaxPartBytes)} per part are accepted).");
        }

        using var stream = new LimitedReadStream(entry.Open(), limit, () => new DocumentRejectedException(
            $"The DOCX entry '{Name(entry)}' expands to more than the {Size(entry.Length)} its ZIP directory declares; it looks like a ZIP bomb and was refused."));
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreWhitespace = true, IgnoreComments = true };
        using var reader = XmlReader.Create(stream, settings);
        try
        {
            while (reader.Read())
            {
                if (reader.Depth > MaxXmlDepth)
                {
                    throw new DocumentRejectedException(
                        $"The DOCX part '{Name(entry)}' nests its elements more than {MaxXmlDepth} levels deep; it was refused.");
                }

                cancellationToken.ThrowIfCancellationRequested();
            }
        }
        catch (XmlException)
        {
            // Malformed XML is for the SDK to report; it stops reading at the same place.
        }
    }

    private static string Name(ZipArchiveEntry entry) =>
        entry.FullName.Length <= 100 ? entry.FullName : entry.FullName[..100] + "…";

    private static string Size(long bytes) => bytes switch
    {
        >= 1024 * 1024 => $"{bytes / (1024.0 * 1024):0.#} MB",
        >= 1024 => $"{bytes / 1024.0:0.#} KB",
        _ => $"{bytes} bytes",
    };
}

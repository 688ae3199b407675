using System.Text;
using KnowledgeBase.Api.BadInput;
using KnowledgeBase.Infrastructure.Documents;
using KnowledgeBase.Infrastructure.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace KnowledgeBase.Api.Documents;

/// <summary>
/// One upload request read section by section: every file part is received (staged) as it streams
/// by, every other part is a field. Disposing it drops the staged bytes of files never registered.
/// </summary>
internal sealed class MultipartUpload : IAsyncDisposable
{
    private const int MaxFieldChars = 64 * 1024;

    private readonly List<ReceivedFile> files = [];
    private readonly Dictionary<string, List<string>> fields = new(StringComparer.Ordinal);

    public IReadOnlyList<ReceivedFile> Files => files;

    public async Task ReadAsync(MultipartReader reader, DocumentService service, CancellationToken cancellationToken)
    {
        while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
            {
                continue;
            }

            if (disposition.IsFileDisposition())
            {
                var name = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
                files.Add(await service.ReceiveAsync(name, section.Body, null, cancellationToken));
            }
            else if (disposition.IsFormDisposition() && HeaderUtilities.RemoveQuotes(disposition.Name).Value is { } field)
            {
                var value = await ReadFieldAsync(field, section.Body, cancellationToken);
                (fields.TryGetValue(field, out var values) ? values : fields[field] = []).Add(value);
            }
        }
    }

    /// <summary>Where the files go, or why the fields cannot be used.</summary>
    public (UploadTarget? Target, string? Problem) Target()
    {
        if (files.Count == 0)
        {
            return (null, "The request has no files (multipart field 'files').");
        }

        // The same text rules as JSON fields: a NUL would otherwise reach PostgreSQL.
        foreach (var (field, values) in fields)
        {
            if (values.Select(TextRules.Problem).OfType<string>().FirstOrDefault() is { } unusable)
            {
                return (null, $"The form field '{(TextRules.Problem(field) is null ? field : "?")}' {unusable}.");
            }
        }

        Guid? replaces = null;
        if (First("replaces") is { } replacesText && !string.IsNullOrWhiteSpace(replacesText))
        {
            if (!Guid.TryParse(replacesText, out var id))
            {
                return (null, "'replaces' must be a document id.");
            }

            if (files.Count > 1)
            {
                return (null, "'replaces' takes exactly one file.");
            }

            replaces = id;
        }

        var collection = CollectionNames.OrDefault(First("collection"));
        if (CollectionNames.Problem(collection) is { } invalidCollection)
        {
            return (null, invalidCollection);
        }

        try
        {
            var groups = GroupNames.Validate(fields.GetValueOrDefault("groups", [])
                .SelectMany(g => g.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
            return (new UploadTarget(collection, groups, replaces), null);
        }
        catch (AccountException e)
        {
            return (null, e.Message);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var file in files)
        {
            await file.DisposeAsync();
        }
    }

    private string? First(string field) => fields.TryGetValue(field, out var values) ? values[0] : null;

    private static async Task<string> ReadFieldAsync(string field, Stream body, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(body, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 4096, leaveOpen: true);
        var buffer = new char[MaxFieldChars + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await reader.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
        }

        if (length > MaxFieldChars)
        {
            throw new InvalidDataException($"The field '{field}' is longer than {MaxFieldChars:N0} characters.");
        }

        return new string(buffer, 0, length);
    }
}

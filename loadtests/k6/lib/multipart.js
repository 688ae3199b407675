/**
 * A multipart/form-data body built by hand: k6's object bodies allow one file per field name, and the upload
 * endpoint takes many files under the same name ("files").
 * @param {Record<string, string>} fields
 * @param {{ field: string, name: string, type: string, content: string }[]} files
 */
export function multipart(fields, files) {
  const boundary = `----kb-k6-${Date.now()}-${Math.floor(Math.random() * 1e9)}`;
  const parts = Object.keys(fields).map((name) =>
    `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${fields[name]}\r\n`);
  for (const file of files) {
    parts.push(`--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.name}"\r\n` +
      `Content-Type: ${file.type}\r\n\r\n${file.content}\r\n`);
  }

  return { body: `${parts.join('')}--${boundary}--\r\n`, contentType: `multipart/form-data; boundary=${boundary}` };
}

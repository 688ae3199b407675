const LetterOrDigit = /^[\p{L}\p{Nd}]$/u;

/**
 * "2. Passwords & PINs" → "2-passwords-pins": the server's rule for a citation's anchor (HeadingAnchor.Slug), so
 * a heading's id here is the anchor the source panel links to. Like .NET it works on UTF-16 units with simple
 * lower-casing (a unit whose lower case is longer stays as it is); tests/Vectors/heading-anchors.json holds the
 * cases both sides check.
 */
export function headingSlug(heading: string): string {
  let slug = '';
  for (let i = 0; i < heading.length; i++) {
    const unit = heading.charAt(i);
    const lower = unit.toLowerCase();
    const c = lower.length === 1 ? lower : unit;
    if (LetterOrDigit.test(c)) slug += c;
    else if (slug.length > 0 && !slug.endsWith('-')) slug += '-';
  }
  return slug.replace(/-+$/, '');
}

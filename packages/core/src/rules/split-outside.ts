/**
 * Splits `text` on `separator` where it stands outside double quotes (with
 * `\` escapes) and outside `<…>`: the lists and parameters of SIP headers,
 * e.g. `"Doe, J" <sip:a@b;x=1,2>, sip:c@d`. Parts are returned as written
 * (not trimmed, empty ones kept).
 */
export function splitOutside(text: string, separator: string): string[] {
  const parts: string[] = [];
  let quoted = false;
  let angle = false;
  let start = 0;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (quoted) {
      if (char === '\\') i += 1;
      else if (char === '"') quoted = false;
    } else if (angle) {
      if (char === '>') angle = false;
    } else if (char === '"') quoted = true;
    else if (char === '<') angle = true;
    else if (char === separator) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** {@link splitOutside}, trimmed, without the empty parts. */
export function splitList(text: string, separator: string): string[] {
  return splitOutside(text, separator)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

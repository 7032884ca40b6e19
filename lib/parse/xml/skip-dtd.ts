/**
 * Finds the end of a `<!DOCTYPE …>` declaration, internal subset included, without interpreting any of it: entity
 * declarations are never read, so billion-laughs and XXE documents cost one linear scan. Returns the offset just
 * after the declaration, or -1 when it never ends (the caller refuses such a document rather than guess).
 */
export function skipDtd(text: string, start: number): number {
  let inSubset = false;
  let pos = start + 9;
  while (pos < text.length) {
    const code = text.charCodeAt(pos);
    if (code === 34 || code === 39) {
      const close = text.indexOf(code === 34 ? '"' : "'", pos + 1);
      if (close === -1) return -1;
      pos = close + 1;
      continue;
    }
    if (inSubset && code === 60 && text.startsWith('<!--', pos)) {
      const close = text.indexOf('-->', pos + 4);
      if (close === -1) return -1;
      pos = close + 3;
      continue;
    }
    if (code === 91 /* [ */) inSubset = true;
    else if (code === 93 /* ] */) inSubset = false;
    else if (code === 62 /* > */ && !inSubset) return pos + 1;
    pos++;
  }
  return -1;
}

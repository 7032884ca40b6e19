/**
 * 32-bit FNV-1a over UTF-16 code units: cheap and the same on every run and machine, so a feed's jitter and phase
 * and a shingle's rank never depend on where they were computed.
 */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

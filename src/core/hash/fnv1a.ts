/** FNV-1a (32-bit) over a string's UTF-16 code units: a fast hash for telling strings apart, not for security. */
export const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** Continues `hash` over `text`; the result is a 32-bit integer state (`>>> 0` for unsigned). */
export function fnv1a(text: string, hash: number = FNV_OFFSET): number {
  for (let i = 0; i < text.length; i++) hash = fnv1aStep(hash, text.charCodeAt(i));
  return hash;
}

export function fnv1aStep(hash: number, unit: number): number {
  return Math.imul(hash ^ unit, FNV_PRIME);
}

// What is made of a text, kept for that text until the next one: every value of a redactor looks
// at the same text in turn, so a view of it (folded, unwrapped, rid of NULs) is made once, not once
// per secret. Only the last text is kept, so what is held stays bounded.

/** `make`, remembered for the last text it was asked of (compared whole, never by length). */
export function forLastText<T>(make: (text: string) => T): (text: string) => T {
  let last: { readonly text: string; readonly made: T } | null = null;
  return (text) => {
    if (last?.text !== text) last = { text, made: make(text) };
    return last.made;
  };
}

// In the page (Locator.evaluate): the words of `element` drawn over two lines, each word a run of
// its text's letters, cut anywhere by a column too narrow for it ("authenticati-on"). A break
// after a hyphen ("customer-" then "b") is where a line may end, and the options of a closed
// select are not laid out. Self-contained: Playwright sends the function's source to the page.
export function wordsCutInTwo(element: Element): string[] {
  const cut: string[] = [];
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement?.closest('select')) continue;
    for (const word of (node.textContent ?? '').matchAll(/[^\s-]+-?/g)) {
      const range = document.createRange();
      range.setStart(node, word.index);
      range.setEnd(node, word.index + word[0].length);
      const tops = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
      if (tops.size > 1) cut.push(word[0]);
    }
  }
  return cut;
}

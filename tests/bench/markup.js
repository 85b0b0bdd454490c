// The markup of a rendered log in a form two renderings can be compared in: elements
// with their attributes sorted by name, and text. Empty text nodes and comments, which
// show nothing, are left out.

function shape(node) {
  if (node.nodeType === Node.TEXT_NODE) return node.data === "" ? "" : JSON.stringify(node.data);
  if (node.nodeType !== Node.ELEMENT_NODE) return "";
  const attributes = [...node.attributes]
    .map((a) => `${a.name}=${JSON.stringify(a.value)}`)
    .sort()
    .join(" ");
  const children = [...node.childNodes].map(shape).join("");
  return `<${node.localName} ${attributes}>${children}</${node.localName}>\n`;
}

export function logMarkup(root) {
  const log = root.querySelector("[role='log']");
  return log ? shape(log) : "";
}

// Each rendered entry's index and text, as JSON: `[[index, text], …]`.
export function logLines(root) {
  const entries = root.querySelectorAll("[role='log'] [data-index]");
  return JSON.stringify([...entries].map((li) => [
    Number(li.getAttribute("data-index")),
    li.querySelector(".gws-sms-log__text")?.textContent ?? null,
  ]));
}

// The message log written by hand with the DOM API: the floor a framework can approach.
// It builds the widget's markup (src/components/message_log.rs and log_entry.rs) for
// the same window of entries, and changes the DOM on an append as the widget does.
// Text goes in through textContent only, never as markup.

const SYSTEM = { ParticipantJoined: "joined", ParticipantLeft: "left", ParticipantRejoined: "rejoined" };
const TYPING = new Set(["TypingStarted", "TypingStopped"]);
// One formatter per format, made once, as the widget does: the fields
// toLocaleTimeString and toLocaleString default to.
const SHORT = new Intl.DateTimeFormat("default", { hour: "numeric", minute: "numeric", second: "numeric" });
const EXACT = new Intl.DateTimeFormat("default", {
  year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric",
});

export function parseMessages(text) {
  return JSON.parse(text).messages ?? [];
}

function element(name, className, text) {
  const node = document.createElement(name);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

// One entry. Texts over 2,000 characters, which the widget cuts, are not handled:
// the bench's messages are shorter.
function entry(message, me) {
  const mine = me !== null && message.from?.participantId === me;
  const who = mine ? "You" : (message.from?.nickname ?? "Someone");
  const system = Object.hasOwn(SYSTEM, message.type);
  const agentsOnly = message.visibility === "Agents";
  let className = "gws-sms-log__entry";
  if (agentsOnly) className += " gws-sms-log__entry--agents-only";
  if (system) className += " gws-sms-log__entry--system";
  if (mine) className += " gws-sms-log__entry--mine";
  const li = element("li", className);
  li.setAttribute("data-index", String(message.index));
  if (!system) li.append(element("span", "gws-sms-log__author", who));
  // timestampSeconds (milliseconds, despite its name) is always present in the bench.
  if (typeof message.timestampSeconds === "number") {
    const date = new Date(message.timestampSeconds);
    const exact = EXACT.format(date);
    const time = element("time", "gws-sms-log__time", SHORT.format(date));
    time.setAttribute("datetime", date.toISOString());
    time.setAttribute("title", exact);
    time.setAttribute("tabindex", "0");
    time.setAttribute("aria-label", exact);
    li.append(time);
  }
  const body = system
    ? `${who} ${SYSTEM[message.type]}`
    : (message.text ?? message.noticeText ?? message.url ?? "");
  const url = message.type === "PushUrl" ? " gws-sms-log__text--url" : "";
  li.append(element("span", "gws-sms-log__text" + url, body));
  if (agentsOnly) li.append(element("span", "gws-sms-log__visibility", "Visible to agents only"));
  return li;
}

export class PlainLog {
  // `window`: how many of the newest entries are rendered at least (0: all of them), from
  // a multiple of `chunk`, as the widget's window starts at a chunk boundary.
  constructor(root, me, window, chunk) {
    this.me = me;
    this.window = window;
    this.chunk = chunk;
    this.held = [];
    this.rendered = []; // [{index, li}] in index order
    const widget = element("div", "gws-sms");
    const frame = element("div", "gws-sms-log-frame");
    // The scrolling live region holds the list, as the widget's does.
    this.viewport = element("div", "gws-sms-log");
    for (const [name, value] of [["role", "log"], ["aria-live", "polite"],
      ["aria-relevant", "additions"], ["aria-label", "Messages"], ["tabindex", "0"]]) {
      this.viewport.setAttribute(name, value);
    }
    this.log = element("ol", "gws-sms-log__entries");
    this.viewport.append(this.log);
    frame.append(this.viewport);
    widget.append(frame);
    root.append(widget);
  }

  // The answer's entries are in index order, each index once.
  load(messages) {
    this.held = messages;
    const first = this.first();
    const fragment = document.createDocumentFragment();
    if (first > 0) fragment.append(this.older());
    for (const message of messages.slice(first)) this.add(message, fragment);
    this.log.append(fragment);
    this.follow();
  }

  // A NewMessages notification: the window moves down a chunk at a time, as the widget's does.
  notified(text) {
    for (const message of JSON.parse(text).messages ?? []) {
      this.held.push(message);
      this.add(message, this.log);
    }
    const first = this.held[this.first()]?.index ?? Infinity;
    while (this.rendered.length > 0 && this.rendered[0].index < first) {
      this.rendered.shift().li.remove();
    }
    this.follow();
  }

  // Reading a layout property makes the browser do style and layout now.
  layout() {
    return this.viewport.scrollHeight;
  }

  first() {
    if (this.window === 0) return 0;
    const first = Math.max(0, this.held.length - this.window);
    return first - (first % this.chunk);
  }

  older() {
    const li = element("li", "gws-sms-log__older", "Scroll up for earlier messages");
    li.setAttribute("aria-hidden", "true");
    return li;
  }

  add(message, parent) {
    if (TYPING.has(message.type)) return;
    const li = entry(message, this.me);
    this.rendered.push({ index: message.index, li });
    parent.append(li);
  }

  // At the bottom, the log follows new entries, in the next animation frame as the
  // widget does (reading the height there costs the layout the frame does anyway).
  follow() {
    if (this.following) return;
    this.following = true;
    requestAnimationFrame(() => {
      this.following = false;
      this.viewport.scrollTop = this.viewport.scrollHeight;
    });
  }
}

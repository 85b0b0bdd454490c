// The widgets on the page and the module instances ("generations") that run them.
//
// Every widget a host mounts, through `mount()` or <gws-sms-session>, is kept here with its
// configuration (in memory only: it may hold Basic credentials). All widgets of a page share
// one instance, so a trap (a panic) stops them all; from then on nothing may run in that
// instance. Each widget is then replaced by a notice (role="alert") keeping the agent's
// unsent message, the host gets `gws-sms-widget-stopped` with it, and "Reload the widget"
// imports the glue again under a new URL, which makes a fresh instance of the module,
// mounts every widget again in it and puts each message back in its composer.
// Everything here is DOM APIs and text, styled by the widget's stylesheet.
//
// Each widget renders into an open shadow root of its element, which adopts the widget's
// stylesheet: the host page's rules do not reach in, the widget's do not reach out. An
// element that cannot have a shadow root of ours (a <td>) gets a box inside it that can.
// An element with a shadow root of another's shows that box only where its own root
// slots its children: such an element is another component's, not a place to mount.
//
// A widget speaks the language of its element (its `lang`, or its nearest ancestor's
// across shadow roots, then the browser's), and follows it when it changes: English is
// built into the module, other languages' catalogue files are read here (once per page)
// and handed to it. The notice, which must show when the module cannot, takes its words
// from the same file and the host's `messages`, and its language and direction from the
// panel the module last rendered.

import { trappedGeneration, watch } from "./stop.js";

/** Instances of the module, oldest first: `{ mount, module, frames, stopped }`. */
const generations = [];
/** `{ element, shadow, box, config, sessionId, generation, root, handle, notice, draft, lang, words, looks }` */
const widgets = new Set();
let reloading = null;
let reloads = 0;
let drafts = 0;
/** The widget's stylesheet, shared by every shadow root (the newest instance's text). */
const sheet = new CSSStyleSheet();
/** The shadow roots this script made, to tell them from a host's own. */
const ours = new WeakSet();
/** Follows `lang` on the page and on each widget's element. */
let languages = null;
/** The languages shipped as catalogue files (`messages/{tag}.json`), English aside. */
const SHIPPED = ["de", "fr", "es", "pt-BR", "ar"];
/** Catalogue files by URL: the promise of their text (null: unreadable, tried again later). */
const files = new Map();

const STOPPED_EVENT = "gws-sms-widget-stopped";
/** How long a message waits for its composer (and its audience) after a reload. */
const DRAFT_WAIT_MS = 30_000;

/// Called by each instance as it starts: how to mount a widget in it, the compiled
/// module (for a reload) and where its code stands in stack traces.
export function startGeneration(mount, module, frames, styles) {
  if (generations.length === 0) {
    watch(trapped);
  }
  sheet.replaceSync(styles);
  generations.push({ mount, module, frames, stopped: false });
}

function live() {
  const newest = generations[generations.length - 1];
  return newest && !newest.stopped ? newest : null;
}

/// `mount(element, config)` for the host: a handle whose `destroy()` stays good across a
/// reload. A bad configuration throws; while the module is stopped the widget shows the
/// notice and is mounted by the reload.
export function mountWidget(element, config) {
  const widget = {
    element,
    ...shadowFor(element),
    config: config !== null && typeof config === "object" ? { ...config } : config,
    sessionId: typeof config?.sessionId === "string" && config.sessionId !== "" ? config.sessionId : null,
    generation: null,
    root: null,
    handle: null,
    notice: null,
    draft: null,
    lang: langOf(element),
    words: null,
    looks: null,
  };
  const generation = live();
  if (generation) {
    try {
      attach(widget, generation, widget.config);
    } catch (error) {
      if (!trapped(error)) {
        widget.box?.remove();
        throw error;
      }
    }
  }
  widget.follow = (event) => {
    if (typeof event.detail?.sessionId === "string") {
      widget.sessionId = event.detail.sessionId;
    }
  };
  element.addEventListener("gws-sms-session-changed", widget.follow);
  widgets.add(widget);
  followLanguages(widget);
  if (!widget.generation && !widget.notice) {
    showNotice(widget, false);
  }
  return { destroy: () => destroy(widget), setMessages: (messages) => setMessages(widget, messages) };
}

/// The host's own words: kept for a reload, handed to the running widget (which
/// throws on a value that is not an object).
function setMessages(widget, messages) {
  if (widget.handle) {
    try {
      widget.handle.setMessages(messages ?? null);
    } catch (error) {
      if (!trapped(error)) {
        throw error;
      }
    }
  }
  if (widget.config !== null && typeof widget.config === "object") {
    widget.config.messages = messages ?? undefined;
  }
}

/// The language asked of `element`: the nearest `lang` from it up, across the shadow
/// roots it is in, else the browser's.
function langOf(element) {
  for (let node = element; node; node = node.getRootNode().host) {
    const found = node.closest('[lang]:not([lang=""])');
    if (found) {
      return found.getAttribute("lang");
    }
  }
  return navigator.language || "en";
}

function followLanguages(widget) {
  if (!languages) {
    languages = new MutationObserver(relang);
    languages.observe(document.documentElement, { attributes: true, attributeFilter: ["lang"], subtree: true });
    addEventListener("languagechange", relang);
  }
  // The document's observer does not see into shadow roots the element may be in.
  languages.observe(widget.element, { attributes: true, attributeFilter: ["lang"] });
}

function relang() {
  for (const widget of widgets) {
    const lang = langOf(widget.element);
    if (lang !== widget.lang) {
      widget.lang = lang;
      speak(widget);
    }
  }
}

/// The shipped file for a language tag, `{ tag, file }` (the tag canonical: `Intl` throws
/// on one that is not well formed): its own, else one of its language (`de-CH` reads
/// `de`, `pt-PT` reads `pt-BR`); `{ tag }` alone for English (the tag kept for its
/// dates: `en-GB`), `null` for a language not shipped.
function shippedFor(lang) {
  let tag;
  try {
    [tag] = Intl.getCanonicalLocales(lang);
  } catch {
    return null;
  }
  if (/^en\b/i.test(tag)) {
    return { tag };
  }
  const primary = (name) => name.split("-")[0].toLowerCase();
  const file =
    SHIPPED.find((name) => name.toLowerCase() === tag.toLowerCase()) ??
    SHIPPED.find((name) => primary(name) === primary(tag));
  return file ? { tag, file } : null;
}

/// Hands the widget the words of its language once its file is read; the words on
/// screen stay until then. A file that cannot be read leaves the widget in English.
function speak(widget) {
  const lang = widget.lang;
  const shipped = shippedFor(lang);
  const say = (tag, text) => {
    if (widget.lang !== lang || !widget.handle) {
      return; // another language was asked for meanwhile, or the widget is gone
    }
    widget.words = text ? parsed(text) : null;
    try {
      widget.handle.setLang(tag, text);
    } catch (error) {
      if (!trapped(error)) {
        throw error;
      }
    }
  };
  if (!shipped?.file) {
    say(shipped?.tag ?? "en", "");
    return;
  }
  const url = new URL(`${shipped.file}.json`, cataloguesOf(widget)).href;
  if (!files.has(url)) {
    files.set(
      url,
      fetch(url)
        .then((response) => (response.ok ? response.text() : null))
        .catch(() => null),
    );
  }
  files.get(url).then((text) => {
    if (text === null) {
      files.delete(url);
      console.warn(`gws-sms-session: ${url} could not be read; the words are English`);
    }
    say(text === null ? "en" : shipped.tag, text ?? "");
  });
}

/// Where the widget's catalogue files are: `messagesUrl`, else `messages/` beside the
/// module's script.
function cataloguesOf(widget) {
  const given = widget.config?.messagesUrl;
  const base = widget.generation?.frames.glue ?? document.baseURI;
  return typeof given === "string" && given !== "" ? new URL(given, document.baseURI) : new URL("messages/", base);
}

/// The notice's words: the host's, else the widget's language's, else English.
function word(widget, key, english) {
  for (const words of [widget.config?.messages, widget.words]) {
    if (typeof words?.[key] === "string") {
      return words[key];
    }
  }
  return english;
}

/// A catalogue file's words, `null` for text that is not JSON.
function parsed(text) {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/// The shadow root to render into, `{ shadow, box }`: the element's own (made once, kept
/// across mounts), or a box's appended to it (`box`, removed with the widget).
function shadowFor(element) {
  let shadow = element.shadowRoot;
  let box = null;
  if (!shadow) {
    try {
      shadow = element.attachShadow({ mode: "open" });
      ours.add(shadow);
    } catch {
      shadow = null;
    }
  }
  if (!shadow || !ours.has(shadow)) {
    box = document.createElement("div");
    element.append(box);
    shadow = box.attachShadow({ mode: "open" });
    ours.add(shadow);
  }
  if (!shadow.adoptedStyleSheets.includes(sheet)) {
    shadow.adoptedStyleSheets = [...shadow.adoptedStyleSheets, sheet];
  }
  return { shadow, box };
}

/// Renders the widget in a fresh root inside its element, so that a stop can take the
/// stopped instance's DOM away whole (whatever it might still do to it stays detached).
function attach(widget, generation, config) {
  const root = document.createElement("div");
  root.className = "gws-sms-root";
  widget.shadow.append(root);
  try {
    widget.handle = generation.mount(widget.element, root, config);
  } catch (error) {
    root.remove();
    throw error;
  }
  widget.root = root;
  widget.generation = generation;
  speak(widget);
}

/// Whether `error` is a trap of a running instance; if so, it stops.
function trapped(error) {
  const generation = trappedGeneration(error, generations);
  if (generation && !generation.stopped) {
    stop(generation, error);
  }
  return generation !== null;
}

function destroy(widget) {
  if (!widgets.delete(widget)) {
    return;
  }
  widget.element.removeEventListener("gws-sms-session-changed", widget.follow);
  const { handle, generation } = widget;
  widget.handle = null;
  if (handle && generation && !generation.stopped) {
    try {
      handle.destroy();
      handle.free();
    } catch (error) {
      if (!trapped(error)) {
        throw error;
      }
    }
  }
  widget.root?.remove();
  widget.notice?.box.remove();
  widget.box?.remove();
}

function stop(generation, error) {
  generation.stopped = true;
  const why = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  for (const widget of widgets) {
    if (widget.generation === generation) {
      stopWidget(widget, why);
    }
  }
}

function stopWidget(widget, why) {
  const composer = widget.root.querySelector("textarea[data-draft]");
  if (composer && composer.value !== "") {
    widget.draft = { text: composer.value, agentsOnly: composer.dataset.draft === "agents" };
  }
  // Messages in the log the server has not confirmed (sending, not confirmed, not sent).
  const unconfirmed = Array.from(widget.root.querySelectorAll("[data-outgoing]"), (entry) => ({
    text: entry.querySelector(".gws-sms-log__text")?.textContent ?? "",
    state: entry.dataset.state,
  }));
  const hadFocus = widget.root.contains(widget.shadow.activeElement);
  const panel = widget.root.querySelector("section.gws-sms");
  widget.looks = panel ? { lang: panel.lang, dir: panel.dir } : null;
  widget.root.remove();
  widget.root = null;
  widget.handle = null;
  widget.generation = null;
  showNotice(widget, hadFocus);
  const detail = {
    kind: "widget-stopped",
    sessionId: widget.sessionId,
    draft: widget.draft?.text ?? "",
    agentsOnly: widget.draft?.agentsOnly ?? false,
    unconfirmed,
    error: why,
  };
  widget.element.dispatchEvent(new CustomEvent(STOPPED_EVENT, { detail, bubbles: true, composed: true }));
}

function node(tag, className, text) {
  const element = document.createElement(tag);
  element.className = className;
  if (text) {
    element.textContent = text;
  }
  return element;
}

function showNotice(widget, focus) {
  const box = node("section", "gws-sms gws-sms-stopped");
  box.setAttribute("aria-label", word(widget, "panel", "SMS session"));
  if (widget.looks) {
    box.lang = widget.looks.lang;
    box.dir = widget.looks.dir;
  }
  box.dataset.widgetStopped = "";
  box.setAttribute("part", "panel");
  const alert = node("div", "gws-sms-stopped__alert");
  alert.setAttribute("role", "alert");
  const reloadable = generations[generations.length - 1]?.frames.glue != null;
  const next = !reloadable
    ? word(widget, "stopped.reloadPage", "Reload the page to go on with the session.")
    : widget.draft
      ? word(widget, "stopped.kept", "Your unsent message is kept below and goes back into the widget when it reloads.")
      : word(widget, "stopped.reloadIt", "Reload it to go on with the session.");
  alert.append(
    node("p", "gws-sms-stopped__title", word(widget, "stopped.title", "The SMS widget stopped after an internal error.")),
    node("p", "gws-sms-stopped__text", next),
  );
  box.append(alert);
  if (widget.draft) {
    const id = `gws-sms-stopped-draft-${++drafts}`;
    const label = node(
      "label",
      "gws-sms-stopped__label",
      widget.draft.agentsOnly
        ? word(widget, "stopped.unsentToAgents", "Unsent message (to agents only)")
        : word(widget, "stopped.unsent", "Unsent message"),
    );
    label.htmlFor = id;
    const text = node("textarea", "gws-sms-stopped__draft");
    text.id = id;
    text.readOnly = true;
    text.rows = 3;
    text.value = widget.draft.text;
    box.append(label, text);
  }
  const status = node("p", "gws-sms-stopped__status");
  status.setAttribute("role", "status");
  const button = node("button", "gws-sms-stopped__reload", word(widget, "stopped.reload", "Reload the widget"));
  button.type = "button";
  button.setAttribute("aria-disabled", String(reloading !== null));
  button.addEventListener("click", reload);
  if (reloadable) {
    box.append(button);
  }
  box.append(status);
  widget.shadow.append(box);
  widget.notice = { box, button, status };
  if (focus && reloadable) {
    button.focus();
  }
}

/// Shows a widget's words (`key`, its English, `{reason}`) on every notice.
function tell(key, english, busy, reason = "") {
  for (const widget of widgets) {
    if (widget.notice) {
      widget.notice.status.textContent = word(widget, key, english).replaceAll("{reason}", reason);
      widget.notice.button.setAttribute("aria-disabled", String(busy));
    }
  }
}

function reload() {
  reloading ??= restart().finally(() => {
    reloading = null;
  });
  return reloading;
}

/// A fresh instance of the module: the glue imported again under a URL of its own (a
/// module is evaluated once per URL), started with the module's bytes marked with the
/// reload's number. Marked bytes make a module whose code has names of its own in stack
/// traces, so that a trap of the stopped instance (its own timers and listeners may still
/// call it) is never taken for one of the new instance. The widget's own scripts (this one
/// among them) are imported by the glue under their usual URLs, so the widgets and the
/// custom element stay as they are.
async function restart() {
  const stopped = generations[generations.length - 1];
  tell("stopped.reloading", "Reloading…", true);
  try {
    if (!stopped?.frames.glue) {
      throw new Error("the widget's script address is not known; reload the page");
    }
    const url = new URL(stopped.frames.glue);
    url.searchParams.set("gws-sms-reload", String(++reloads));
    const glue = await import(url.href);
    await glue.default({ module_or_path: await marked(stopped, reloads) });
    const generation = live();
    if (!generation || generation === stopped) {
      throw new Error("the widget did not start");
    }
    stopped.module = null; // nothing else of it is needed, its names in traces aside
    for (const widget of widgets) {
      if (!widget.generation) {
        resume(widget, generation);
      }
    }
  } catch (error) {
    tell("stopped.reloadFailed", "The reload failed: {reason}. Try again.", false, String(error?.message ?? error));
  }
}

/// The module's bytes (beside its glue, as wasm-bindgen and Trunk name them, usually from
/// the HTTP cache) with a custom section naming the reload, which no engine runs; the
/// compiled module of the stopped instance when they cannot be fetched.
async function marked(stopped, reload) {
  try {
    const url = new URL(stopped.frames.glue);
    url.search = "";
    url.pathname = url.pathname.replace(/\.js$/, "_bg.wasm");
    const response = await fetch(url);
    if (!response.ok) {
      return stopped.module;
    }
    const bytes = new Uint8Array(await response.arrayBuffer());
    const encoder = new TextEncoder();
    const name = encoder.encode("gws-sms-reload");
    const body = [...leb128(name.length), ...name, ...encoder.encode(String(reload))];
    const section = [0, ...leb128(body.length), ...body];
    const out = new Uint8Array(bytes.length + section.length);
    out.set(bytes);
    out.set(section, bytes.length);
    return out;
  } catch {
    return stopped.module;
  }
}

function leb128(value) {
  const out = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value !== 0) {
      byte |= 0x80;
    }
    out.push(byte);
  } while (value !== 0);
  return out;
}

function resume(widget, generation) {
  const { config, sessionId, notice } = widget;
  // The session it showed, which may not be the one it was first given (the newest).
  const again = sessionId && config !== null && typeof config === "object" ? { ...config, sessionId } : config;
  try {
    attach(widget, generation, again);
  } catch (error) {
    if (!trapped(error) && notice) {
      notice.status.textContent = word(widget, "stopped.reloadFailed", "The reload failed: {reason}. Try again.").replaceAll(
        "{reason}",
        String(error?.message ?? error),
      );
      notice.button.setAttribute("aria-disabled", "false");
    }
    return;
  }
  const hadFocus = notice?.box.contains(widget.shadow.activeElement) ?? false;
  notice?.box.remove();
  widget.notice = null;
  if (widget.draft || hadFocus) {
    putBack(widget, hadFocus);
  }
}

/// Puts the kept message into the new composer once it shows, if the agent has not
/// started another; one to agents only waits until agents only can be chosen again,
/// so that it never goes to the customer. Focus, if it was on the notice, goes to the
/// composer.
function putBack(widget, focus) {
  const { root } = widget;
  const done = () => {
    observer.disconnect();
    clearTimeout(timer);
  };
  const attempt = () => {
    if (widget.root !== root) {
      return true; // destroyed or stopped again: the message stays kept
    }
    const composer = root.querySelector("textarea[data-draft]");
    if (!composer) {
      return false;
    }
    if (widget.draft && composer.value === "") {
      if (widget.draft.agentsOnly) {
        const mode = root.querySelector('[role="radio"][data-audience="agents"]');
        if (mode?.getAttribute("aria-disabled") !== "false") {
          return false;
        }
        if (mode.getAttribute("aria-checked") !== "true") {
          mode.click();
          return false;
        }
      }
      composer.value = widget.draft.text;
      // The composer keeps its text from input events, as when the agent types.
      composer.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertReplacementText" }));
    }
    if (focus) {
      composer.focus();
    }
    widget.draft = null;
    return true;
  };
  const observer = new MutationObserver(() => {
    if (attempt()) {
      done();
    }
  });
  const timer = setTimeout(done, DRAFT_WAIT_MS);
  if (attempt()) {
    done();
  } else {
    observer.observe(root, { subtree: true, childList: true, attributes: true });
  }
}

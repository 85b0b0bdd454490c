// Tells the widget's own traps from every other error on the page.
//
// A panic in the shipped build is a wasm trap: a WebAssembly.RuntimeError thrown where the
// module stops, uncaught, so it reaches the page as a window `error` event (an event
// listener, a timer, a microtask) or an `unhandledrejection` (a promise job). Other code on
// the page may throw RuntimeErrors too, from its own wasm or by hand, and must not stop the
// widget. The module's exports cannot be wrapped (wasm-bindgen's glue calls the instance's
// frozen exports object directly, and a trap from a callback never passes through code of
// ours), so a trap is recognised by where it happened: the innermost frame of its stack
// trace is a wasm frame of this module. Engines name a wasm frame's script (Chromium
// `wasm://wasm/<hash>` or the module's URL, Firefox the URL); which names are this module's
// is read once per instance from a stack trace taken while the module calls in
// (`ownFrames`), so nothing depends on file names, the glue's minified function names or the
// module's stripped function names. Engines that name no script (Safari) are served by the
// frames around: the first JavaScript frame outside the wasm frames must be our glue. The
// same frames tell instances apart: a reload's module is marked to have names of its own,
// and its glue is imported under a URL of its own (widgets.js).

const WASM_FRAME = ":wasm-function[";

/// One stack line: `{ wasm: script-or-null }`, `{ js: url }` or null (the message line).
export function frame(line) {
  const at = line.indexOf(WASM_FRAME);
  if (at >= 0) {
    // "    at f (SCRIPT:wasm-function[1]:0x2)", "    at SCRIPT:wasm-…", "f@SCRIPT:wasm-…"
    let head = line.slice(0, at);
    const open = Math.max(head.lastIndexOf("("), head.indexOf("@"));
    head = open >= 0 ? head.slice(open + 1) : head.trim().replace(/^at /, "");
    return { wasm: head || null };
  }
  if (line.includes("wasm-function[")) {
    return { wasm: null }; // Safari: "<?>.wasm-function[12]@[wasm code]"
  }
  const js = /(?:\(|@|at )([^\s()@]+?):\d+:\d+\)?\s*$/.exec(line);
  return js ? { js: js[1] } : null;
}

export function frames(stack) {
  return String(stack || "")
    .split("\n")
    .map(frame)
    .filter(Boolean);
}

/// A stack trace of the current call, deep enough to reach the caller of the module.
function here() {
  const limit = Error.stackTraceLimit;
  try {
    Error.stackTraceLimit = 200;
    return new Error().stack;
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/// Called by the module while it starts: the names its wasm frames have in stack traces,
/// and the URL of the glue that called it (the module to import again for a reload).
export function ownFrames() {
  const list = frames(here());
  const first = list.findIndex((f) => "wasm" in f);
  const scripts = new Set();
  let at = first < 0 ? list.length : first;
  for (; at < list.length && "wasm" in list[at]; at++) {
    if (list[at].wasm) {
      scripts.add(list[at].wasm);
    }
  }
  // Only the glue wasm-bindgen writes beside its snippets may be imported again; bundled
  // into a page's own script, importing it again would run the page's script twice.
  const glue = list[at]?.js ?? null;
  const beside = glue !== null && import.meta.url.startsWith(new URL("snippets/", glue).href);
  return { scripts, glue: beside ? glue : null };
}

function isTrap(error) {
  // RangeError: the engine's own stack overflow inside the module.
  return (
    (typeof WebAssembly === "object" && error instanceof WebAssembly.RuntimeError) ||
    error?.name === "RuntimeError" ||
    error instanceof RangeError
  );
}

/// The generation (of `generations`, each `{ frames: ownFrames(), … }`, newest last) whose
/// module trapped with `error`, or null when the error is not a trap of this module.
export function trappedGeneration(error, generations) {
  if (!isTrap(error) || generations.length === 0) {
    return null;
  }
  const list = frames(error.stack);
  if (list.length === 0 || !("wasm" in list[0])) {
    return null; // thrown by script, not by a module
  }
  const named = list[0].wasm;
  const candidates = named === null ? generations : generations.filter((g) => g.frames.scripts.has(named));
  if (candidates.length === 0) {
    return null; // another module
  }
  // Instances of one module share its script names (a reload makes a module of its own
  // when it can); the glue that called in tells them apart, each reload importing the glue
  // under a URL of its own.
  const outside = list.find((f) => "js" in f);
  const byGlue = outside && candidates.find((g) => g.frames.glue === outside.js);
  if (byGlue) {
    return byGlue;
  }
  // Named as ours but called from elsewhere, or a trace cut before the glue (Chromium
  // keeps 10 frames): the newest instance of that module. Unnamed frames need our glue.
  return named === null ? null : candidates[candidates.length - 1];
}

/// Calls `onTrap(error)` for every uncaught error and rejection of the page.
export function watch(onTrap) {
  const seen = (error) => {
    try {
      onTrap(error);
    } catch (failure) {
      // Not thrown on: an error listener that throws is reported to itself.
      console.error(failure);
    }
  };
  window.addEventListener("error", (event) => seen(event.error));
  window.addEventListener("unhandledrejection", (event) => seen(event.reason));
}

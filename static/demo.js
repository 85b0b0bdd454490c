// The demo page: the widget embedded as any host page embeds it, as <gws-sms-session>,
// signed in as one of the simulator's agents, next to a panel that drives the simulator
// (a customer who texts, another agent who writes).
//
// `?agent=agent1` signs in as agent1 with the simulator's demo password; `&session=ID`
// opens that session, otherwise the agent's newest (or the next one offered); `&lang=de`
// sets the widget's language (the element's `lang`), which the header's list switches live.

/** The simulator's password for every demo agent (see crates/gws-sim/README.md). */
const PASSWORD = "password";

const params = new URLSearchParams(location.search);
const asked = params.get("agent") ?? "";
const agent = /^[A-Za-z0-9]+$/.test(asked) ? asked : "agent1";
let session = params.get("session") || null;
let lang = params.get("lang") || "en";

const byId = (id) => document.getElementById(id);

for (const link of document.querySelectorAll(".gws-demo__agents a")) {
  if (link.textContent === agent) {
    link.setAttribute("aria-current", "page");
  }
}
byId("demo-start").textContent = `Start a customer session for ${agent}`;

/** The page's address for the agent, the session and the language. */
function address() {
  const query = new URLSearchParams({ agent });
  if (session) {
    query.set("session", session);
  }
  if (lang !== "en") {
    query.set("lang", lang);
  }
  return `?${query}`;
}

/** Shows the session and puts it in the address, so a reload or a copied link opens it again. */
function remember(id) {
  session = id;
  history.replaceState(null, "", address());
  byId("demo-session").textContent = `Session ${id}`;
  byId("demo-customer-texts").disabled = false;
  byId("demo-agent-writes").disabled = false;
}

// Created once the widget's module has defined the element, so that the `credentials`
// property reaches the element's setter.
await customElements.whenDefined("gws-sms-session");
const widget = document.createElement("gws-sms-session");
widget.setAttribute("nickname", agent);
widget.lang = lang;
const languages = byId("demo-lang");
languages.value = lang;
languages.addEventListener("change", () => {
  lang = languages.value;
  widget.lang = lang;
  history.replaceState(null, "", address());
});
widget.credentials = { username: agent, password: PASSWORD };
if (session) {
  widget.setAttribute("session-id", session);
  remember(session);
}
// The session the widget chose itself goes to the address only: setting `session-id`
// would remount the widget and reopen its notification connection.
widget.addEventListener("gws-sms-session-changed", (event) => {
  if (event.detail.sessionId !== session) {
    remember(event.detail.sessionId);
  }
});
byId("demo-main").prepend(widget);

async function post(path, body) {
  const response = await fetch(path, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!response.ok) {
    throw new Error(`the simulator answered HTTP ${response.status}`);
  }
  return response.json().catch(() => null);
}

function run(path, body, done = () => {}) {
  const status = byId("demo-status");
  post(path, body).then(
    (answer) => {
      status.textContent = "Done.";
      done(answer);
    },
    (why) => {
      status.textContent = `Failed: ${why.message}`;
    },
  );
}

const sessionPath = () => `/sim/v1/sessions/${encodeURIComponent(session)}`;

byId("demo-start").addEventListener("click", () => {
  const text = byId("demo-customer-text").value || "Hi, my order has not arrived";
  run("/sim/v1/sessions", { agent, nickname: "Customer", text }, (answer) => {
    if (typeof answer?.id === "string") {
      widget.setAttribute("session-id", answer.id);
      remember(answer.id);
    }
  });
});

byId("demo-customer-texts").addEventListener("click", () => {
  if (session) {
    run(`${sessionPath()}/customer-messages`, { text: byId("demo-customer-text").value });
  }
});

byId("demo-agent-writes").addEventListener("click", () => {
  if (session) {
    const writer = encodeURIComponent(byId("demo-reply-agent").value);
    run(`${sessionPath()}/agents/${writer}/messages`, { text: byId("demo-reply-text").value });
  }
});

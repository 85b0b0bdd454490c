// An agent desktop's script, written against the npm package as a host writes it:
// type-checked by tsc (`cargo xtask host-types`, a step of `cargo xtask test`), never run.
// Each `@ts-expect-error` line must be refused, or tsc fails.

import init, {
  defineElement,
  mount,
  type ConnectionState,
  type Credentials,
  type GwsSmsSessionElement,
  type GwsSmsSessionEventMap,
  type MessageKey,
  type Messages,
  type WidgetConfig,
  type WidgetHandle,
} from "gws-sms-widget";

await init();
await init({ module_or_path: new URL("gws-sms-widget_bg.wasm", import.meta.url) });
defineElement();

// mount() into an element of the page, with a configuration and Basic credentials.
const config: WidgetConfig = {
  baseUrl: "https://gws.example.com",
  sessionId: "0000Na9B26EF006E",
  nickname: "Anna",
  notificationsUrl: "https://gws.example.com/api/v2/notifications",
};
const container = document.getElementById("sms");
if (container) {
  const handle: WidgetHandle = mount(container, { ...config, username: "agent1", password: "secret" });
  handle.destroy();
  mount(container, { sessionId: null });

  // The host's own words, in the configuration and later through the handle.
  const words: Messages = {
    "action.consult": "Ask a colleague",
    "log.newBelow": { one: "{count} new text below", other: "{count} new texts below" },
  };
  const own = mount(container, { ...config, messages: words, messagesUrl: "/i18n/" });
  own.setMessages({ "action.transfer": "Hand over" });
  own.setMessages(null);
  const key: MessageKey = "reason.dispositionFirst";
  own.setMessages({ [key]: "Pick a disposition first." });
  // @ts-expect-error: a message key that does not exist
  own.setMessages({ "action.consul": "Ask" });
  // @ts-expect-error: plural forms need their other form
  own.setMessages({ "log.newBelow": { one: "one new text" } });

  // @ts-expect-error: a configuration key mount() does not know
  mount(container, { baseURL: "https://gws.example.com" });
  // @ts-expect-error: a username without its password
  mount(container, { username: "agent1" });
}

// The element, typed through HTMLElementTagNameMap.
const element = document.createElement("gws-sms-session");
element.setAttribute("base-url", "https://gws.example.com");
element.setAttribute("session-id", "0000Na9B26EF006E");
element.setAttribute("nickname", "Anna");
element.setAttribute("notifications-url", "https://gws.example.com/api/v2/notifications");
const credentials: Credentials = { username: "agent1", password: "secret" };
element.credentials = credentials;
element.credentials = null;
element.messages = { "action.leave": "Step out" };
element.messages = null;
element.lang = "de";
document.body.append(element);
const found: GwsSmsSessionElement | null = document.querySelector("gws-sms-session");
found?.remove();

// @ts-expect-error: the credentials are write-only
const leaked: Credentials = element.credentials;
// @ts-expect-error: credentials need both names
element.credentials = { username: "agent1" };

// Every event, every detail field.
element.addEventListener("gws-sms-operation-requested", (event) => {
  const { kind, sessionId, operationId, operationName } = event.detail;
  const values: [string, string, number, string] = [kind, sessionId, operationId, operationName];
  return values;
});
element.addEventListener("gws-sms-operation-succeeded", (event) => {
  const { kind, sessionId, operationId, operationName, referenceId } = event.detail;
  const reference: number | undefined = referenceId;
  return [kind, sessionId, operationId, operationName, reference];
});
element.addEventListener("gws-sms-operation-failed", (event) => {
  const { kind, sessionId, operationId, operationName, error } = event.detail;
  const words: string = error;
  return [kind, sessionId, operationId, operationName, words];
});
element.addEventListener("gws-sms-session-changed", (event) => {
  const { kind, sessionId, state, capabilities, participants } = event.detail;
  const allows: boolean = capabilities.includes("SendMessage");
  const people = participants.map(({ participantId, nickname, type, role }) => {
    const name: string = nickname ?? participantId;
    const customer: boolean = role === "Customer" || type === "Customer";
    return { name, customer };
  });
  const status: string | undefined = state;
  // @ts-expect-error: session-changed's detail has no operationId
  const operation = event.detail.operationId;
  return [kind, sessionId, status, allows, people, operation];
});
element.addEventListener("gws-sms-connection-changed", (event) => {
  const { kind, sessionId, state, description } = event.detail;
  const connection: ConnectionState = state;
  const signedOut: boolean = connection === "signed-out";
  return [kind, sessionId, signedOut, description];
});
element.addEventListener("gws-sms-widget-stopped", (event) => {
  const { kind, sessionId, draft, agentsOnly, unconfirmed, error } = event.detail;
  const session: string | null = sessionId;
  const kept: string[] = unconfirmed.map(({ text, state }) => `${state}: ${text}`);
  const toAgents: boolean = agentsOnly;
  return [kind, session, draft, toAgents, kept, error];
});
element.addEventListener("gws-sms-error", (event) => {
  const message: string = event.detail.message;
  return message;
});
element.addEventListener("click", (event) => event.clientX);

// The events bubble: the page around the widget hears them too.
document.body.addEventListener("gws-sms-session-changed", (event) => event.detail.sessionId);
const listener = (event: GwsSmsSessionEventMap["gws-sms-connection-changed"]) => event.detail.state;
element.addEventListener("gws-sms-connection-changed", listener);
element.removeEventListener("gws-sms-connection-changed", listener);

// @ts-expect-error: no such event (a typo), so its listener gets an Event without a detail
element.addEventListener("gws-sms-session-change", (event) => event.detail.sessionId);
// @ts-expect-error: a detail field of another event
element.addEventListener("gws-sms-operation-requested", (event) => event.detail.referenceId);
element.addEventListener("gws-sms-connection-changed", (event) => {
  // @ts-expect-error: a connection state that does not exist
  const online: boolean = event.detail.state === "online";
  return online;
});

export {};

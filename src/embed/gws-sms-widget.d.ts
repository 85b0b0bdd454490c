// What a host page touches, typed: the module's exports (`init`, `mount`, `defineElement`),
// the configuration, the <gws-sms-session> element and the events the widget dispatches.
// Written by hand from src/embed (mod.rs, config.rs, element.js, widgets.js) and
// src/state/host_events.rs; tests/host_types.rs fails when an event or one of its detail
// fields is missing here.

/** Where the module's `.wasm` is, or the module itself. */
export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

/** The module's bytes or the compiled module, for `initSync`. */
export type SyncInitInput = BufferSource | WebAssembly.Module;

/** The instance's exports. A host needs none of them: it calls the functions below. */
export type InitOutput = WebAssembly.Exports;

/**
 * Starts the module, which also defines `<gws-sms-session>`; call it (and await it)
 * before `mount` or `defineElement`. Without an argument it fetches
 * `gws-sms-widget_bg.wasm` beside the module's script. A second call returns the first
 * one's instance.
 */
export default function init(options?: {
  module_or_path: InitInput | Promise<InitInput>;
}): Promise<InitOutput>;
/** @deprecated Pass `{ module_or_path }` instead. */
export default function init(module_or_path: InitInput | Promise<InitInput>): Promise<InitOutput>;

/** Starts the module from its bytes or compiled module, synchronously. */
export function initSync(options: { module: SyncInitInput }): InitOutput;
/** @deprecated Pass `{ module }` instead. */
export function initSync(module: SyncInitInput): InitOutput;

/**
 * Mounts the widget into an open shadow root of `element` (of a box appended to it when
 * `element` cannot have one), which then receives the widget's events. Throws an
 * `Error` saying what is wrong when the configuration cannot be read (an unknown key, a
 * value of the wrong type, half the credentials).
 */
export function mount(element: Element, config: WidgetConfig): WidgetHandle;

/** Defines `<gws-sms-session>`; later calls do nothing. */
export function defineElement(): void;

/** A widget `mount` returned. It stays valid across a reload after the widget stopped. */
export interface WidgetHandle {
  /** Unmounts the widget and closes its connection if no other widget uses it. */
  destroy(): void;
  /**
   * The host's own words from now on (null: none), without a remount; throws on a value
   * that is not an object.
   */
  setMessages(messages: Messages | null): void;
}

interface WidgetConfigBase {
  /**
   * Where GWS is: origin and context path, without `/api/v2`. Absent or empty: this
   * page's origin.
   */
  baseUrl?: string;
  /** The session to work; the agent's newest when absent, null or empty. */
  sessionId?: string | null;
  /** The name Accept shows the customer (`Agent` when absent). */
  nickname?: string | null;
  /** The CometD endpoint, when not `{baseUrl}/api/v2/notifications`. */
  notificationsUrl?: string | null;
  /**
   * Complete waits until a disposition is set (under `DispositionCode`), and says so
   * (`false` when absent).
   */
  dispositionRequired?: boolean;
  /**
   * How long a customer may wait for an answer before the widget warns (30 when
   * absent), then alarms (60); Workspace's `chat.pending-response-to-customer`.
   */
  waitingWarningSeconds?: number;
  waitingAlarmSeconds?: number;
  /**
   * Where the shipped catalogue files are (`{messagesUrl}de.json`, …), when not in
   * `messages/` beside the module's script: for bundlers that move the script.
   */
  messagesUrl?: string | null;
  /**
   * The host's own words for some messages, over the language's: keys as in
   * `Messages`, applied whatever the language.
   */
  messages?: Messages | null;
}

/**
 * The widget's words by key, each with its English: what a host may override (the
 * `messages` configuration key and property, `WidgetHandle.setMessages`) and what the
 * shipped catalogue files (`messages/{lang}.json`) translate. `{name}` is filled in;
 * keep it. A plural message gives a form per `Intl.PluralRules` category.
 */
export interface Messages {
  /** SMS session */
  "panel"?: string;
  /** Waiting for an SMS session… */
  "waiting"?: string;
  /** Participants */
  "participants"?: string;
  /** +{count} more | +{count} more */
  "participants.more"?: PluralForms;
  /** Messages */
  "messages"?: string;
  /** Session actions */
  "actions"?: string;
  /** Scroll up for earlier messages */
  "log.earlier"?: string;
  /** {count} new message below | {count} new messages below */
  "log.newBelow"?: PluralForms;
  /** Customer waiting {time} */
  "waiting.customer"?: string;
  /** : answer soon */
  "waiting.soon"?: string;
  /** : overdue */
  "waiting.overdue"?: string;
  /** You */
  "role.you"?: string;
  /** Customer */
  "role.customer"?: string;
  /** Consulting agent */
  "role.consultant"?: string;
  /** Conferenced agent */
  "role.conferenced"?: string;
  /** Agent */
  "role.agent"?: string;
  /** Participant */
  "role.participant"?: string;
  /** Someone */
  "someone"?: string;
  /** {name} joined */
  "log.joined"?: string;
  /** {name} left */
  "log.left"?: string;
  /** {name} rejoined */
  "log.rejoined"?: string;
  /** Visible to agents only */
  "agentsOnly"?: string;
  /** Show all {count} character | Show all {count} characters */
  "log.showAll"?: PluralForms;
  /** Sending… */
  "log.sending"?: string;
  /** Sent */
  "log.sent"?: string;
  /** Not sent: {reason} */
  "log.notSent"?: string;
  /** Retry */
  "log.retry"?: string;
  /** Edit */
  "log.edit"?: string;
  /** Message */
  "composer.message"?: string;
  /** Send to */
  "composer.sendTo"?: string;
  /** To customer */
  "composer.toCustomer"?: string;
  /** To agents only */
  "composer.toAgents"?: string;
  /** {count} SMS · {left} left · {encoding} | {count} SMSs · {left} left · {encoding} */
  "composer.counter"?: PluralForms;
  /** Unicode */
  "composer.unicode"?: string;
  /** Accept */
  "action.accept"?: string;
  /** Reject */
  "action.reject"?: string;
  /** Send */
  "action.send"?: string;
  /** Send to agents */
  "action.sendToAgents"?: string;
  /** Typing */
  "action.typing"?: string;
  /** Stopped typing */
  "action.stoppedTyping"?: string;
  /** Send link */
  "action.sendUrl"?: string;
  /** Send notice */
  "action.sendNotice"?: string;
  /** Send notice to agents */
  "action.sendNoticeToAgents"?: string;
  /** Consult */
  "action.consult"?: string;
  /** Cancel consult */
  "action.cancelConsult"?: string;
  /** Transfer */
  "action.transfer"?: string;
  /** Conference */
  "action.conference"?: string;
  /** Leave */
  "action.leave"?: string;
  /** Leave and complete */
  "action.leaveAndComplete"?: string;
  /** Complete */
  "action.complete"?: string;
  /** Focus */
  "action.focus"?: string;
  /** Set disposition */
  "action.setDisposition"?: string;
  /** Attach data */
  "action.attachData"?: string;
  /** Update data */
  "action.updateData"?: string;
  /** Delete data */
  "action.deleteData"?: string;
  /** Add comment */
  "action.addComment"?: string;
  /** {action} failed: {reason} */
  "action.failed"?: string;
  /** {action}: {reason} */
  "action.says"?: string;
  /** {action}: in progress… */
  "action.inProgress"?: string;
  /** The session has not loaded yet. */
  "reason.notLoaded"?: string;
  /** The session is completed. */
  "reason.ended"?: string;
  /** The server does not allow {action} right now. */
  "reason.notGranted"?: string;
  /** Only while the session is being offered. */
  "reason.onlyOffered"?: string;
  /** Only while {needed} (the session is {current}). */
  "reason.onlyWhileIs"?: string;
  /** Only while {needed}. */
  "reason.onlyWhile"?: string;
  /** Already in progress. */
  "reason.inProgress"?: string;
  /** No consultation is waiting for the other agent to answer. */
  "reason.noPendingConsult"?: string;
  /** Set a disposition first. */
  "reason.dispositionFirst"?: string;
  /** offered */
  "state.offered"?: string;
  /** chatting */
  "state.chatting"?: string;
  /** left (wrap-up) */
  "state.left"?: string;
  /** completed */
  "state.completed"?: string;
  /** Cancelled. */
  "op.cancelled"?: string;
  /** No answer from the server within {seconds} s. */
  "op.noAnswer"?: string;
  /** Sent, not confirmed. */
  "op.notConfirmed"?: string;
  /** No answer to the consultation within {seconds} s. */
  "op.noConsultAnswer"?: string;
  /** Not confirmed by the server within {seconds} s. */
  "op.notConfirmedWithin"?: string;
  /** Could not check whether the message was sent: {reason} */
  "op.checkFailed"?: string;
  /** {action}: choose an agent or a queue */
  "picker.title"?: string;
  /** Search agents and queues */
  "picker.search"?: string;
  /** Agents and queues */
  "picker.results"?: string;
  /** Searching… */
  "picker.searching"?: string;
  /** No agent or queue matches. */
  "picker.noMatch"?: string;
  /** Or type a target URI or path */
  "picker.typeTarget"?: string;
  /** Use typed target */
  "picker.useTyped"?: string;
  /** Cancel */
  "picker.cancel"?: string;
  /** Type a path such as /contacts/… or a URI such as https://…/api/v2/contacts/… */
  "picker.badTarget"?: string;
  /** Queue */
  "picker.queue"?: string;
  /** Ready */
  "picker.ready"?: string;
  /** Not ready */
  "picker.notReady"?: string;
  /** Availability unknown */
  "picker.unknown"?: string;
  /** Disposition and data */
  "wrapUp"?: string;
  /** Disposition */
  "wrapUp.disposition"?: string;
  /** Choose a code */
  "wrapUp.chooseCode"?: string;
  /** The list of codes could not be read ({reason}): type the code. */
  "wrapUp.noCodes"?: string;
  /** In progress… */
  "wrapUp.inProgress"?: string;
  /** Attached data */
  "wrapUp.data"?: string;
  /** Key */
  "wrapUp.key"?: string;
  /** Value */
  "wrapUp.value"?: string;
  /** Delete */
  "wrapUp.delete"?: string;
  /** Attach */
  "wrapUp.attach"?: string;
  /** Update */
  "wrapUp.update"?: string;
  /** Comment */
  "wrapUp.comment"?: string;
  /** (none) */
  "wrapUp.none"?: string;
  /** Connected */
  "connection.connected"?: string;
  /** Connecting to GWS… */
  "connection.connecting"?: string;
  /** Connection lost. Reconnecting (next try at {time}); new messages will follow. */
  "connection.reconnecting"?: string;
  /** Offline: GWS stopped sending updates. The log may be out of date. */
  "connection.offline"?: string;
  /** You are signed out of GWS. Sign in again. */
  "connection.signedOut"?: string;
  /** GWS could not be reached. Check the network connection. */
  "error.unreachable"?: string;
  /** GWS did not answer in time. Try again. */
  "error.timeout"?: string;
  /** GWS refused the request (HTTP 403). Reload to renew the session. */
  "error.refused"?: string;
  /** GWS does not know this resource (HTTP 404). */
  "error.notFound"?: string;
  /** GWS had a server error (HTTP {status}). Try again. */
  "error.server"?: string;
  /** GWS answered with HTTP {status}. */
  "error.http"?: string;
  /** GWS sent an answer that cannot be read. */
  "error.unreadable"?: string;
  /** The server reported an error: {reason} */
  "error.reported"?: string;
  /** A notification from the server could not be read: {reason} */
  "error.notification"?: string;
  /** {status}: {message} */
  "error.statusSays"?: string;
  /** {status}. */
  "error.status"?: string;
  /** Success */
  "code.0"?: string;
  /** A required parameter is missing */
  "code.1"?: string;
  /** A parameter is not valid for the current state */
  "code.2"?: string;
  /** The operation is forbidden */
  "code.3"?: string;
  /** Internal error in GWS or a back-end server */
  "code.4"?: string;
  /** The user lacks permission for this operation */
  "code.5"?: string;
  /** The requested resource was not found */
  "code.6"?: string;
  /** Partial success: at least one action of a bulk operation succeeded */
  "code.7"?: string;
  /** The user must change the password */
  "code.8"?: string;
  /** Processing is incomplete */
  "code.9"?: string;
  /** Input validation error: a value is outside the valid range */
  "code.10"?: string;
  /** Attempt to change a read-only property */
  "code.11"?: string;
  /** Unable to retrieve the resource */
  "code.12"?: string;
  /** Unable to create the resource */
  "code.13"?: string;
  /** Unable to delete the resource */
  "code.14"?: string;
  /** Unable to update the resource */
  "code.15"?: string;
  /** Unable to assign the resource */
  "code.16"?: string;
  /** Unable to unassign the resource */
  "code.17"?: string;
  /** The resource already exists */
  "code.18"?: string;
  /** The resource is already in use */
  "code.19"?: string;
  /** Not authenticated: later requests must supply credentials */
  "code.20"?: string;
  /** Unrecognized status code */
  "code.other"?: string;
  /** The SMS widget stopped after an internal error. */
  "stopped.title"?: string;
  /** Reload the page to go on with the session. */
  "stopped.reloadPage"?: string;
  /** Your unsent message is kept below and goes back into the widget when it reloads. */
  "stopped.kept"?: string;
  /** Reload it to go on with the session. */
  "stopped.reloadIt"?: string;
  /** Unsent message */
  "stopped.unsent"?: string;
  /** Unsent message (to agents only) */
  "stopped.unsentToAgents"?: string;
  /** Reload the widget */
  "stopped.reload"?: string;
  /** Reloading… */
  "stopped.reloading"?: string;
  /** The reload failed: {reason}. Try again. */
  "stopped.reloadFailed"?: string;
}

/** A key of the widget's words. */
export type MessageKey = keyof Messages;

/** A plural message's forms by `Intl.PluralRules` category; `other` is the fallback. */
export interface PluralForms {
  zero?: string;
  one?: string;
  two?: string;
  few?: string;
  many?: string;
  other: string;
}

/** HTTP Basic credentials, only when the host page has not signed in to GWS itself. */
export interface Credentials {
  username: string;
  password: string;
}

/**
 * `mount`'s configuration. Unknown keys are refused, and so is a username without a
 * password or the reverse.
 */
export type WidgetConfig = WidgetConfigBase &
  (Credentials | { username?: null; password?: null });

/** The element's attributes, each the configuration key of the same meaning. */
export interface GwsSmsSessionAttributes {
  /** `baseUrl`. */
  "base-url"?: string;
  /** `sessionId`. */
  "session-id"?: string;
  /** `nickname`. */
  nickname?: string;
  /** `notificationsUrl`. */
  "notifications-url"?: string;
  /** `dispositionRequired`: present (any value) means true. */
  "disposition-required"?: string;
  /** `waitingWarningSeconds`. */
  "waiting-warning-seconds"?: string;
  /** `waitingAlarmSeconds`. */
  "waiting-alarm-seconds"?: string;
}

export type GwsSmsSessionAttribute = keyof GwsSmsSessionAttributes;

/**
 * `<gws-sms-session>`, defined by `defineElement()`. Attributes (see
 * `GwsSmsSessionAttributes`): `base-url`, `session-id`, `nickname`, `notifications-url`,
 * `disposition-required`, `waiting-warning-seconds`, `waiting-alarm-seconds`;
 * changing any mounts the widget again with all of them. Removing the element unmounts
 * the widget. It renders into the element's open shadow root, styled by the widget alone:
 * restyle it with the `--gws-sms-*` custom properties and the parts `panel`, `header`,
 * `actions`, `log` and `composer` (`::part()`).
 */
export interface GwsSmsSessionElement extends HTMLElement {
  /**
   * Basic credentials, when needed: write-only, never reflected to an attribute (reading
   * it gives `undefined`). Setting null or undefined drops them. Setting it mounts the
   * widget again.
   */
  get credentials(): undefined;
  set credentials(value: Credentials | null | undefined);

  /**
   * The host's own words for some messages (null: none), applied at once without a
   * remount. The widget's language is the element's `lang` (or its nearest ancestor's,
   * then the browser's), followed as it changes.
   */
  messages: Messages | null;

  addEventListener<K extends keyof GwsSmsSessionEventMap>(
    type: K,
    listener: (this: GwsSmsSessionElement, event: GwsSmsSessionEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener<K extends keyof HTMLElementEventMap>(
    type: K,
    listener: (this: GwsSmsSessionElement, event: HTMLElementEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | AddEventListenerOptions,
  ): void;
  removeEventListener<K extends keyof GwsSmsSessionEventMap>(
    type: K,
    listener: (this: GwsSmsSessionElement, event: GwsSmsSessionEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener<K extends keyof HTMLElementEventMap>(
    type: K,
    listener: (this: GwsSmsSessionElement, event: HTMLElementEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | EventListenerOptions,
  ): void;
}

/**
 * Every event the widget dispatches on its element (the one given to `mount`, or
 * `<gws-sms-session>`). All bubble; all but `gws-sms-error` are also composed.
 */
export interface GwsSmsSessionEventMap {
  "gws-sms-operation-requested": CustomEvent<OperationRequestedDetail>;
  "gws-sms-operation-succeeded": CustomEvent<OperationSucceededDetail>;
  "gws-sms-operation-failed": CustomEvent<OperationFailedDetail>;
  "gws-sms-session-changed": CustomEvent<SessionChangedDetail>;
  "gws-sms-connection-changed": CustomEvent<ConnectionChangedDetail>;
  "gws-sms-attention": CustomEvent<AttentionDetail>;
  "gws-sms-widget-stopped": CustomEvent<WidgetStoppedDetail>;
  "gws-sms-error": CustomEvent<ErrorDetail>;
}

export type GwsSmsSessionEventName = keyof GwsSmsSessionEventMap;

/** The agent asked for an operation. */
export interface OperationRequestedDetail {
  kind: "operation-requested";
  sessionId: string;
  /** Names one operation across its requested, succeeded and failed events. */
  operationId: number;
  /** GWS's name of the operation (`Invite` for Conference). */
  operationName: string;
}

/** GWS carried an operation out. */
export interface OperationSucceededDetail {
  kind: "operation-succeeded";
  sessionId: string;
  operationId: number;
  operationName: string;
  /** GWS's reference for the operation, when it gave one. */
  referenceId: number | undefined;
}

/** An operation failed. */
export interface OperationFailedDetail {
  kind: "operation-failed";
  sessionId: string;
  operationId: number;
  operationName: string;
  /** The server's words. */
  error: string;
}

/** The session's state, capabilities or participants changed. */
export interface SessionChangedDetail {
  kind: "session-changed";
  sessionId: string;
  /** GWS's state of the session (`Chatting`, `Completed`, …), once known. */
  state: string | undefined;
  /** GWS's names of the operations the session allows now (`SendMessage`, `Invite`, …). */
  capabilities: string[];
  participants: SessionParticipant[];
}

export interface SessionParticipant {
  participantId: string;
  nickname: string | undefined;
  /** GWS's participant type (`Agent`, `Customer`, …). */
  type: string | undefined;
  /** Who the participant is to this agent; a type GWS adds later is named as it came. */
  role: ParticipantRole | (string & {});
}

export type ParticipantRole =
  | "You"
  | "Customer"
  | "Consulting agent"
  | "Conferenced agent"
  | "Agent";

/** The notification connection's state changed. */
export interface ConnectionChangedDetail {
  kind: "connection-changed";
  sessionId: string;
  state: ConnectionState;
  /** Words the host may show. */
  description: string;
}

/**
 * What needs the agent changed: for a desktop to badge its tabs. Sent when any field
 * changes, the level also as time passes.
 */
export interface AttentionDetail {
  kind: "attention";
  sessionId: string;
  /** Messages from others after the last entry the agent has read. */
  unread: number;
  /**
   * When the customer's first message since the last answer they saw arrived (Unix
   * milliseconds, the browser's clock); absent while nobody waits.
   */
  waitingSince?: number;
  /** `warning` and `alarm` past the two thresholds (`waitingWarningSeconds`, `waitingAlarmSeconds`). */
  level: AttentionLevel;
}

export type AttentionLevel = "calm" | "warning" | "alarm";

/** `signed-out`: GWS no longer knows the agent, who must sign in again. */
export type ConnectionState = "connecting" | "connected" | "reconnecting" | "offline" | "signed-out";

/**
 * The widget stopped on an internal error and shows a notice offering to reload it
 * (see the README).
 */
export interface WidgetStoppedDetail {
  kind: "widget-stopped";
  /** The session it showed; null if none yet. */
  sessionId: string | null;
  /** The unsent text of its composer; `""` if none. */
  draft: string;
  /** Whether the draft was to agents only. */
  agentsOnly: boolean;
  /** The messages its log showed as not yet confirmed by the server. */
  unconfirmed: UnconfirmedMessage[];
  /** The engine's words (`RuntimeError: unreachable`). */
  error: string;
}

export interface UnconfirmedMessage {
  text: string;
  state: "sending" | "sent" | "unconfirmed" | "failed";
}

/** `<gws-sms-session>` could not mount the widget: its attributes or credentials are refused. */
export interface ErrorDetail {
  /** What is wrong, as the thrown error says it. */
  message: string;
}

declare global {
  interface HTMLElementTagNameMap {
    "gws-sms-session": GwsSmsSessionElement;
  }

  // The events bubble, so every element around the widget may listen for them.
  interface HTMLElementEventMap extends GwsSmsSessionEventMap {}
}

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

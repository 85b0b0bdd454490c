// <gws-sms-session>: the widget as a custom element, for host pages of any framework.
// Attributes: base-url, session-id, nickname, notifications-url, disposition-required
// (present: true), waiting-warning-seconds, waiting-alarm-seconds. Basic credentials, when needed, are set as the `credentials` property
// ({username, password}) and never reflected to an attribute. The `messages` property
// takes the host's own words for some messages (keys as in the catalogue files) and
// applies them without a remount. The language follows `lang` (widgets.js). Mounting
// goes through widgets.js, which keeps the widget's configuration for a reload after a stop.
import { mountWidget } from "./widgets.js";

export function defineElement(name) {
  if (customElements.get(name)) {
    return;
  }
  class GwsSmsSession extends HTMLElement {
    static get observedAttributes() {
      return [
        "base-url",
        "session-id",
        "nickname",
        "notifications-url",
        "disposition-required",
        "waiting-warning-seconds",
        "waiting-alarm-seconds",
      ];
    }

    constructor() {
      super();
      this._handle = null;
      this._credentials = null;
      this._messages = null;
      this._pending = false;
    }

    get messages() {
      return this._messages;
    }

    // A value the widget refuses is said in a gws-sms-error event and not kept: the
    // words before it stay, and a later remount does not fail on it.
    set messages(value) {
      if (this._handle) {
        try {
          this._handle.setMessages(value ?? null);
        } catch (error) {
          this.dispatchEvent(new CustomEvent("gws-sms-error", { detail: { message: String(error) }, bubbles: true }));
          return;
        }
      }
      this._messages = value ?? null;
    }

    set credentials(value) {
      this._credentials = value || null;
      this._scheduleRemount();
    }

    connectedCallback() {
      this._scheduleRemount();
    }

    disconnectedCallback() {
      this._unmount();
    }

    attributeChangedCallback() {
      this._scheduleRemount();
    }

    // Several attributes set in one go mount the widget once, with all of them.
    _scheduleRemount() {
      if (this._pending) {
        return;
      }
      this._pending = true;
      queueMicrotask(() => {
        this._pending = false;
        this._remount();
      });
    }

    _unmount() {
      if (this._handle) {
        this._handle.destroy();
        this._handle = null;
      }
    }

    _remount() {
      if (!this.isConnected) {
        return;
      }
      this._unmount();
      const config = { baseUrl: this.getAttribute("base-url") || "" };
      const optional = { sessionId: "session-id", nickname: "nickname", notificationsUrl: "notifications-url" };
      for (const [key, attribute] of Object.entries(optional)) {
        if (this.hasAttribute(attribute)) {
          config[key] = this.getAttribute(attribute);
        }
      }
      if (this.hasAttribute("disposition-required")) {
        config.dispositionRequired = true;
      }
      const seconds = { waitingWarningSeconds: "waiting-warning-seconds", waitingAlarmSeconds: "waiting-alarm-seconds" };
      for (const [key, attribute] of Object.entries(seconds)) {
        if (this.hasAttribute(attribute)) {
          config[key] = Number(this.getAttribute(attribute));
        }
      }
      if (this._messages) {
        config.messages = this._messages;
      }
      if (this._credentials) {
        config.username = this._credentials.username;
        config.password = this._credentials.password;
      }
      try {
        this._handle = mountWidget(this, config);
      } catch (error) {
        this.dispatchEvent(new CustomEvent("gws-sms-error", { detail: { message: String(error) }, bubbles: true }));
      }
    }
  }
  customElements.define(name, GwsSmsSession);
}

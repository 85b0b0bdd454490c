// One <gws-sms-session>. React 19 passes a custom element's props through: a name the
// element has as a property (`credentials`) is set as that property, any other as an
// attribute (`base-url`, `session-id`, `nickname`), and `on` + an event's exact name
// adds that listener when React creates the element, before it is connected, so no
// event is missed; React swaps it when the function changes and removes it with the
// element. No ref or effect is needed.
export function Session({ baseUrl, sessionId, nickname, credentials, onEvent }) {
  return (
    <section className="react-host__session" aria-label={`Session ${sessionId || "newest"}`}>
      <gws-sms-session
        base-url={baseUrl}
        session-id={sessionId || undefined}
        nickname={nickname}
        credentials={credentials}
        ongws-sms-session-changed={onEvent}
        ongws-sms-operation-succeeded={onEvent}
        ongws-sms-operation-failed={onEvent}
        ongws-sms-attention={onEvent}
        ongws-sms-connection-changed={onEvent}
        ongws-sms-widget-stopped={onEvent}
        ongws-sms-error={onEvent}
      />
    </section>
  );
}

/** What the page heard from its widgets, newest last; `data-` hooks name each event. */
export function EventList({ events }) {
  return (
    <section className="react-host__events" aria-label="Events heard">
      <h2>Events heard</h2>
      <ol className="react-host__event-list">
        {events.map(({ seq, type, detail }) => (
          <li
            key={seq}
            data-event={type}
            data-session-id={detail?.sessionId ?? ""}
            data-operation-name={detail?.operationName}
            data-state={detail?.state}
          >
            <code>{type}</code> {summary(type, detail)}
          </li>
        ))}
      </ol>
    </section>
  );
}

function summary(type, detail) {
  switch (type) {
    case "gws-sms-session-changed":
      return `${detail.sessionId}: ${detail.state ?? "…"}; ${detail.participants
        .map((p) => `${p.nickname ?? p.participantId} (${p.role})`)
        .join(", ")}`;
    case "gws-sms-operation-succeeded":
      return `${detail.sessionId}: ${detail.operationName} done`;
    case "gws-sms-operation-failed":
      return `${detail.sessionId}: ${detail.operationName} failed: ${detail.error}`;
    case "gws-sms-attention":
      return `${detail.sessionId}: ${detail.unread} unread, ${detail.level}`;
    case "gws-sms-connection-changed":
      return `${detail.sessionId}: ${detail.description}`;
    case "gws-sms-widget-stopped":
      return `${detail.sessionId ?? "no session"}: stopped`;
    default:
      return detail?.message ?? "";
  }
}

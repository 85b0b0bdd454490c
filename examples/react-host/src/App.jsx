import { useCallback, useMemo, useRef, useState } from "react";
import { EventList } from "./EventList.jsx";
import { Session } from "./Session.jsx";

/** How many events the list keeps, newest last. */
const KEPT = 200;

export function App({ agent, password, sessions, baseUrl }) {
  const [events, setEvents] = useState([]);
  const next = useRef(0);
  // One object for the page's life: the element mounts its widget again whenever
  // `credentials` is set, and React sets a prop again whenever it is a new object.
  const credentials = useMemo(() => ({ username: agent, password }), [agent, password]);
  const heard = useCallback((event) => {
    const entry = { seq: ++next.current, type: event.type, detail: event.detail };
    setEvents((list) => [...list.slice(1 - KEPT), entry]);
  }, []);

  return (
    <main className="react-host">
      <h1 className="react-host__title">SMS sessions of {agent}</h1>
      <div className="react-host__sessions">
        {sessions.map((id, at) => (
          <Session
            key={id || `newest-${at}`}
            baseUrl={baseUrl}
            sessionId={id}
            nickname={agent}
            credentials={credentials}
            onEvent={heard}
          />
        ))}
      </div>
      <EventList events={events} />
    </main>
  );
}

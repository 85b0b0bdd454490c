// What the page's address asks for: ?agent=agent1&sessions=ID1,ID2[&gws=URL].

/** The simulator's password for every demo agent (crates/gws-sim/README.md). A desktop
 * signed in to GWS itself sets no credentials. */
const PASSWORD = "password";

export function readAddress(location) {
  const params = new URLSearchParams(location.search);
  const asked = params.get("agent") ?? "";
  const agent = /^[A-Za-z0-9]+$/.test(asked) ? asked : "agent1";
  const sessions = (params.get("sessions") ?? "")
    .split(",")
    .map((id) => id.trim())
    .filter(Boolean);
  return {
    agent,
    password: PASSWORD,
    // Two panes even without ids: each widget then opens the agent's newest session.
    sessions: sessions.length > 0 ? sessions : [""],
    baseUrl: params.get("gws") || location.origin,
  };
}

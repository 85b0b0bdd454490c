// Drives gws-sim's CometD endpoint with the official CometD JavaScript client:
// sign in (Basic, then the JSESSIONID cookie), handshake, subscribe to the SMS topic,
// trigger a session through the control API and expect its notification; then make
// the server forget the client, and expect the client to re-handshake (402) and a
// second notification to arrive after re-subscribing.
// Usage: node interop.mjs http://127.0.0.1:PORT
import { adapt } from "cometd-nodejs-client";
import { CometD } from "cometd";

adapt();

const base = process.argv[2] ?? process.env.GWS_SIM_URL;
const topic = "/v2/me/smssessions";

function fail(message) {
    console.error(`interop: FAIL: ${message}`);
    process.exit(1);
}

if (!base) fail("usage: node interop.mjs <simulator base URL>");
const watchdog = setTimeout(() => fail("timed out after 45 s"), 45_000);

async function control(path, body) {
    const response = await fetch(`${base}${path}`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
    });
    if (!response.ok) fail(`${path} answered ${response.status}`);
    return response.status === 204 ? null : response.json();
}

const me = await fetch(`${base}/api/v2/me`, {
    headers: { Authorization: "Basic " + Buffer.from("agent1:password").toString("base64") },
});
if (me.status !== 200) fail(`GET /api/v2/me answered ${me.status}`);
const cookie = (me.headers.get("set-cookie") ?? "").split(";")[0];
if (!cookie.startsWith("JSESSIONID=")) fail(`no JSESSIONID cookie: ${cookie}`);

const cometd = new CometD();
// GWS documents long-polling only.
cometd.unregisterTransport("websocket");
cometd.configure({
    url: `${base}/api/v2/notifications`,
    requestHeaders: { Cookie: cookie },
    logLevel: "warn",
});

let handshakes = 0;
let notify = () => {};
const subscribe = () =>
    new Promise((resolve) =>
        cometd.subscribe(topic, (message) => notify(message), (reply) => {
            if (!reply.successful) fail(`subscribe refused: ${JSON.stringify(reply)}`);
            resolve();
        }),
    );
const nextNotification = () => new Promise((resolve) => { notify = resolve; });
let rehandshook = () => {};
cometd.addListener("/meta/handshake", (reply) => {
    if (!reply.successful) return;
    handshakes += 1;
    if (handshakes > 1) rehandshook();
});

const first = await new Promise((resolve) => cometd.handshake(resolve));
if (!first.successful) fail(`handshake refused: ${JSON.stringify(first)}`);
if (cometd.getTransport().type !== "long-polling") fail(`transport ${cometd.getTransport().type}`);
await subscribe();

async function expectOffer(nickname) {
    const arrived = nextNotification();
    const { id } = await control("/sim/v1/sessions", { agent: "agent1", nickname, text: "Hi from Node" });
    const message = await arrived;
    const data = message.data ?? {};
    if (message.channel !== topic) fail(`channel ${message.channel}`);
    if (data.notificationType !== "StatusChange" || data.smssession?.state !== "Invited" || data.smssession?.id !== id) {
        fail(`unexpected notification ${JSON.stringify(message)}`);
    }
    console.log(`interop: received the offer of ${id} on ${topic}`);
}

await expectOffer("NodeCustomer1");

// Forget every client: the next /meta/connect gets 402::Unknown client and the
// official client must handshake again by itself.
const again = new Promise((resolve) => { rehandshook = resolve; });
await control("/sim/v1/faults", { expireClients: true });
await again;
console.log("interop: re-handshook after 402::Unknown client");
await subscribe();
await expectOffer("NodeCustomer2");

await new Promise((resolve) => cometd.disconnect(resolve));
clearTimeout(watchdog);
console.log("interop: OK");
process.exit(0);

// The latency loop, run inside the widget's demo page: the customer texts (a same-origin
// POST to the simulator's control API), then both the widget's log and a plain element fed
// by the official CometD client (npm `cometd@9`, a second client of the same agent on the
// same topic) are watched until the unique text is in each. One text at a time, so both
// clients always race for the same notification and share the POST's round trip.
//
// `start()` returns at once; the state is in `window.__benchLatency` for the driver to poll.
import { CometD } from "./cometd/cometd.js";

const TOPIC = "/v2/me/smssessions";
let official = null;

function connectOfficial(onText, seen) {
    const cometd = new CometD();
    // GWS documents long-polling only.
    cometd.unregisterTransport("websocket");
    cometd.configure({
        url: `${location.origin}/api/v2/notifications`,
        logLevel: "warn",
        // Its default timer runs in a Worker made from a blob: URL, which the page's
        // Content-Security-Policy refuses; its timers then never fire and it never connects.
        useWorkerScheduler: false,
    });
    return new Promise((resolve, reject) => {
        cometd.handshake((reply) => {
            if (!reply.successful) return reject(new Error(`handshake refused: ${JSON.stringify(reply)}`));
            cometd.subscribe(TOPIC, (message) => {
                seen.notifications += 1;
                seen.last = message.data?.notificationType;
                for (const entry of message.data?.messages ?? []) {
                    if (typeof entry.text === "string") onText(entry.text);
                }
            }, (answer) => answer.successful
                ? resolve(cometd)
                : reject(new Error(`subscribe refused: ${JSON.stringify(answer)}`)));
        });
    });
}

// Records in the pending step (as `step[side]`, ms since its t0) when its text is first
// added under `target`.
function watch(target, side, pending) {
    const observer = new MutationObserver((records) => {
        const now = performance.now();
        const step = pending.current;
        if (!step || step[side] !== null) return;
        for (const record of records) {
            const nodes = record.type === "characterData" ? [record.target] : record.addedNodes;
            for (const node of nodes) {
                if (node.textContent && node.textContent.includes(step.text)) {
                    step[side] = now - step.t0;
                    step.check();
                    return;
                }
            }
        }
    });
    observer.observe(target, { childList: true, subtree: true, characterData: true });
    return observer;
}

// When each client's long-poll answer had been received after t0, from Resource Timing.
// Both poll with XMLHttpRequest; the official client appends the message type to the URL
// (`…/notifications/connect`, CometD's `appendMessageTypeToURL`), the widget does not.
// This splits each latency into delivery and the client's own work until the text is in
// the DOM.
const NOTIFICATIONS = "/api/v2/notifications";

function pollAnswers(t0) {
    const answered = { widget: null, official: null };
    for (const entry of performance.getEntriesByType("resource")) {
        if (entry.responseEnd < t0) continue;
        const path = new URL(entry.name).pathname;
        const side = path === NOTIFICATIONS ? "widget"
            : path.startsWith(`${NOTIFICATIONS}/`) ? "official" : null;
        const seen = side && answered[side];
        if (side && (seen === null || entry.responseEnd - t0 < seen)) {
            answered[side] = entry.responseEnd - t0;
        }
    }
    performance.clearResourceTimings();
    return answered;
}

async function run(state, { session, count, warmup, runId, timeoutMs, withOfficial }) {
    // The widget renders in its element's shadow root.
    const widget = document.querySelector("gws-sms-session");
    const log = (widget?.shadowRoot ?? document).querySelector('[role="log"]');
    if (!log) throw new Error("the page shows no message log ([role=log])");
    const list = document.createElement("ol");
    list.id = "bench-official";
    document.body.append(list);
    const received = state.officialCounts;
    const seen = { notifications: 0, last: null };
    const cometd = withOfficial ? await connectOfficial((text) => {
        received[text] = (received[text] ?? 0) + 1;
        const item = document.createElement("li");
        item.textContent = text;
        list.append(item);
    }, seen) : null;
    official = { cometd, list, observers: [] };
    const pending = { current: null };
    official.observers.push(watch(log, "widget", pending), watch(list, "official", pending));
    const url = `/sim/v1/sessions/${encodeURIComponent(session)}/customer-messages`;

    for (let i = 0; i < warmup + count; i += 1) {
        const text = `bench-${i}-${runId}.`;
        let timer;
        const both = new Promise((resolve, reject) => {
            timer = setTimeout(() => reject(new Error(
                `text ${i} not in the DOM after ${timeoutMs} ms: widget ${pending.current.widget}, official ${pending.current.official} `
                + `(the official client has had ${seen.notifications} notifications, the last ${seen.last}, status ${cometd?.getStatus()})`,
            )), timeoutMs);
            pending.current = {
                text, widget: null, official: withOfficial ? null : 0, t0: 0,
                check() { if (this.widget !== null && this.official !== null) resolve(); },
            };
        });
        const step = pending.current;
        step.t0 = performance.now();
        const answer = await fetch(url, {
            method: "POST",
            headers: { "Content-Type": "application/json" },
            body: JSON.stringify({ text }),
        });
        const posted = performance.now() - step.t0;
        if (!answer.ok) throw new Error(`POST ${url} answered ${answer.status}: ${await answer.text()}`);
        try { await both; } finally { clearTimeout(timer); }
        const polls = pollAnswers(step.t0);
        state.texts.push(text);
        if (i >= warmup) {
            state.widget.push(step.widget);
            if (withOfficial) state.official.push(step.official);
            state.post.push(posted);
            state.widgetPoll.push(polls.widget);
            state.officialPoll.push(polls.official);
        }
        state.sent = i + 1;
    }
    pending.current = null;
}

export function start(options) {
    const state = {
        done: false, error: null, sent: 0, texts: [],
        widget: [], official: [], post: [], widgetPoll: [], officialPoll: [], officialCounts: {},
    };
    window.__benchLatency = state;
    run(state, options)
        .catch((error) => { state.error = String(error && error.stack || error); })
        .finally(() => { state.done = true; });
}

// Disconnects the official client and removes what the run added to the page, so that
// what stays in memory afterwards is the widget's.
export function stop() {
    if (official) {
        for (const observer of official.observers) observer.disconnect();
        official.cometd?.disconnect();
        official.list.remove();
        official = null;
    }
    delete window.__benchLatency;
}

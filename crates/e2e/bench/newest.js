// Evaluated in each new document before the page's own scripts (DevTools
// `Page.addScriptToEvaluateOnNewDocument`): records in `window.__benchNewest` the time
// since navigation start (`performance.now()`) at which the log entry with index
// NEWEST_INDEX, holding NEWEST_TEXT, is first in the DOM.
(() => {
    const index = NEWEST_INDEX;
    const text = NEWEST_TEXT;
    const observer = new MutationObserver(() => {
        const now = performance.now();
        const entry = document.querySelector(`[role="log"] li[data-index="${index}"]`);
        if (entry && entry.textContent.includes(text)) {
            window.__benchNewest = now;
            observer.disconnect();
        }
    });
    observer.observe(document, { childList: true, subtree: true, characterData: true });
})();

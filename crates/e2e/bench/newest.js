// Evaluated in each new document before the page's own scripts (DevTools
// `Page.addScriptToEvaluateOnNewDocument`): records in `window.__benchNewest` the time
// since navigation start (`performance.now()`) at which the log entry with index
// NEWEST_INDEX, holding NEWEST_TEXT, is first in the DOM. The widget renders in a
// shadow root, which the observer watches from the moment it is attached.
(() => {
    const index = NEWEST_INDEX;
    const text = NEWEST_TEXT;
    const options = { childList: true, subtree: true, characterData: true };
    const roots = [document];
    const observer = new MutationObserver(() => {
        const now = performance.now();
        for (const root of roots) {
            const entry = root.querySelector(`[role="log"] li[data-index="${index}"]`);
            if (entry && entry.textContent.includes(text)) {
                window.__benchNewest = now;
                observer.disconnect();
                return;
            }
        }
    });
    const attachShadow = Element.prototype.attachShadow;
    Element.prototype.attachShadow = function (init) {
        const root = attachShadow.call(this, init);
        roots.push(root);
        observer.observe(root, options);
        return root;
    };
    observer.observe(document, options);
})();

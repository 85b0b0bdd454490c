// Starts the widget's demo page from a file, so the page runs under a Content-Security-Policy
// without 'unsafe-inline'. Trunk names the hashed module and wasm in this script's data
// attributes (`pattern_script` in Trunk.toml).
const script = document.querySelector("script[data-widget-js][data-widget-wasm]");
const { default: init } = await import(script.dataset.widgetJs);
await init({ module_or_path: script.dataset.widgetWasm });

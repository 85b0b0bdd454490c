import init from "gws-sms-widget";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App.jsx";
import { readAddress } from "./address.js";

// Once per page: starts the module, which defines <gws-sms-session>. Rendering waits for
// it, so React creates defined elements and sets `credentials` as the element's property.
await init();

createRoot(document.getElementById("root")).render(
  <StrictMode>
    <App {...readAddress(window.location)} />
  </StrictMode>,
);

//! The widget for host pages: `mount(element, config)` returning a handle with
//! `destroy()`, and the `<gws-sms-session>` custom element built on it. What happens
//! reaches the host as DOM `CustomEvent`s on the element (see the README).

mod config;

pub use config::EmbedConfig;

use wasm_bindgen::prelude::*;
use web_sys::{CustomEvent, CustomEventInit, Element};
use yew::AppHandle;

use crate::state::host_events::HostEvent;
use crate::widget::{Widget, WidgetProps};

/// The name of the custom element.
pub const ELEMENT_NAME: &str = "gws-sms-session";

#[wasm_bindgen(module = "/src/embed/element.js")]
extern "C" {
    #[wasm_bindgen(js_name = defineElement)]
    fn define_element_with(
        name: &str,
        mount: &Closure<dyn Fn(Element, JsValue) -> Result<WidgetHandle, JsValue>>,
    );
}

/// A mounted widget. `destroy()` unmounts it and closes its connection if it was
/// the last widget using it.
#[wasm_bindgen]
pub struct WidgetHandle {
    app: Option<AppHandle<Widget>>,
}

#[wasm_bindgen]
impl WidgetHandle {
    pub fn destroy(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
    }
}

/// Mounts the widget into `element`. A configuration that cannot be read is a
/// JavaScript error saying what is wrong.
#[wasm_bindgen]
pub fn mount(element: Element, config: JsValue) -> Result<WidgetHandle, JsValue> {
    // Through JSON text, read as every GWS answer is (one deserializer in the build);
    // unknown keys (typos) are refused rather than ignored.
    let config: EmbedConfig = js_sys::JSON::stringify(&config)
        .ok()
        .and_then(|json| json.as_string())
        .ok_or_else(|| "not an object JSON can hold".to_owned())
        .and_then(|json| crate::transport::json::from_str(&json).map_err(|error| error.to_string()))
        .map_err(|error| {
            JsValue::from(js_sys::Error::new(&format!(
                "gws-sms-session: bad configuration: {error}"
            )))
        })?;
    let config = config
        .into_widget()
        .map_err(|error| JsValue::from(js_sys::Error::new(&format!("gws-sms-session: {error}"))))?;
    let target = element.clone();
    let on_event = yew::Callback::from(move |event: HostEvent| dispatch(&target, &event));
    let props = WidgetProps { config, on_event };
    let app = yew::Renderer::<Widget>::with_root_and_props(element, props).render();
    Ok(WidgetHandle { app: Some(app) })
}

/// Defines `<gws-sms-session>` (once; later calls do nothing).
#[wasm_bindgen(js_name = defineElement)]
pub fn define_element() {
    let mount = Closure::<dyn Fn(Element, JsValue) -> Result<WidgetHandle, JsValue>>::new(mount);
    define_element_with(ELEMENT_NAME, &mount);
    // The element class keeps calling it for as long as the page lives.
    mount.forget();
}

fn dispatch(target: &Element, event: &HostEvent) {
    let Ok(detail) = serde_wasm_bindgen::to_value(event) else {
        return;
    };
    let init = CustomEventInit::new();
    init.set_detail(&detail);
    init.set_bubbles(true);
    init.set_composed(true);
    if let Ok(dom_event) = CustomEvent::new_with_event_init_dict(event.name(), &init) {
        let _ = target.dispatch_event(&dom_event);
    }
}

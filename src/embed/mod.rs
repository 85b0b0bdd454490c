//! The widget for host pages: `mount(element, config)` returning a handle with
//! `destroy()`, and the `<gws-sms-session>` custom element built on it. What happens
//! reaches the host as DOM `CustomEvent`s on the element (see the README).
//!
//! The host's calls go through `widgets.js`, which keeps every mounted widget and its
//! configuration in memory. When the module stops on a trap (a panic in the shipped
//! build), `stop.js` tells it apart from other errors on the page and `widgets.js` shows
//! the notice, hands the draft to the host and reloads the module on request: all in
//! JavaScript, since nothing may run in a stopped instance.

mod config;

pub use config::{EmbedConfig, Messages};

use std::cell::Cell;

use wasm_bindgen::prelude::*;
use web_sys::{CustomEvent, CustomEventInit, Element};
use yew::{AppHandle, AttrValue};

use crate::state::host_events::HostEvent;
use crate::widget::{Widget, WidgetProps};

/// The name of the custom element.
pub const ELEMENT_NAME: &str = "gws-sms-session";

/// The widget's stylesheet, minified by the build script: every widget's shadow root
/// adopts it, so a host links no stylesheet and none of the host's rules reach in.
const STYLES: &str = include_str!(concat!(env!("OUT_DIR"), "/widget.min.css"));

type MountInto = dyn Fn(Element, Element, JsValue) -> Result<WidgetHandle, JsValue>;

#[wasm_bindgen(module = "/src/embed/element.js")]
extern "C" {
    #[wasm_bindgen(js_name = defineElement)]
    fn define_element_named(name: &str);
}

#[wasm_bindgen(module = "/src/embed/stop.js")]
extern "C" {
    /// Where this module's code stands in a stack trace; called from here so that the
    /// trace it reads runs through this module.
    #[wasm_bindgen(js_name = ownFrames)]
    fn own_frames() -> JsValue;
}

#[wasm_bindgen(module = "/src/embed/widgets.js")]
extern "C" {
    #[wasm_bindgen(js_name = startGeneration)]
    fn start_generation(mount: &Closure<MountInto>, module: JsValue, frames: JsValue, styles: &str);

    #[wasm_bindgen(js_name = mountWidget, catch)]
    fn mount_widget(element: &Element, config: &JsValue) -> Result<JsValue, JsValue>;

}

thread_local! {
    static STARTED: Cell<bool> = const { Cell::new(false) };
}

/// Hands this instance's mount to `widgets.js`, once per instance (a reload makes a
/// new instance, which starts again).
fn start() {
    if STARTED.with(|started| started.replace(true)) {
        return;
    }
    let mount = Closure::<MountInto>::new(mount_into);
    start_generation(&mount, wasm_bindgen::module(), own_frames(), STYLES);
    // widgets.js calls it for as long as this instance runs.
    mount.forget();
}

/// A mounted widget. `destroy()` unmounts it and closes its connection if it was
/// the last widget using it.
#[wasm_bindgen]
pub struct WidgetHandle {
    app: Option<AppHandle<Widget>>,
    props: WidgetProps,
}

#[wasm_bindgen]
impl WidgetHandle {
    pub fn destroy(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
    }

    /// Speaks `lang` (a canonical BCP 47 tag) from now on, in the words of its catalogue
    /// file's text (empty: English); what is on screen stays, in new words.
    #[wasm_bindgen(js_name = setLang)]
    pub fn set_lang(&mut self, lang: String, words: String) {
        self.props.lang = lang.into();
        self.props.words = (!words.is_empty()).then(|| words.into());
        self.update();
    }

    /// The host's own words for some messages from now on (an object; `null` for none).
    #[wasm_bindgen(js_name = setMessages)]
    pub fn set_messages(&mut self, messages: JsValue) -> Result<(), JsValue> {
        self.props.config.messages = if messages.is_null() || messages.is_undefined() {
            None
        } else {
            let text = js_sys::JSON::stringify(&messages)
                .ok()
                .and_then(|json| json.as_string())
                .unwrap_or_default();
            let read: Result<Messages, _> = crate::transport::json::from_str(&text);
            let messages = read.map_err(|error| {
                js_sys::Error::new(&format!("gws-sms-session: bad messages: {error}"))
            })?;
            Some(messages.0.into())
        };
        self.update();
        Ok(())
    }

    fn update(&mut self) {
        if let Some(app) = self.app.as_mut() {
            app.update(self.props.clone());
        }
    }
}

/// Mounts the widget for a host page: through `widgets.js`, which keeps the widget's
/// configuration to mount it again after a reload, and returns a handle whose
/// `destroy()` outlives a reload. A configuration that cannot be read is a JavaScript
/// error saying what is wrong.
#[wasm_bindgen(js_name = mount)]
pub fn mount_for_host(element: Element, config: JsValue) -> Result<JsValue, JsValue> {
    start();
    mount_widget(&element, &config)
}

/// Mounts the widget into `element` directly (no reload after a stop): for Rust
/// callers and tests. A configuration that cannot be read is a JavaScript error saying
/// what is wrong.
pub fn mount(element: Element, config: JsValue) -> Result<WidgetHandle, JsValue> {
    mount_into(element.clone(), element, config)
}

/// Renders into `root` and tells the host on `element`.
fn mount_into(element: Element, root: Element, config: JsValue) -> Result<WidgetHandle, JsValue> {
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
    let on_event = yew::Callback::from(move |event: HostEvent| dispatch(&element, &event));
    let props = WidgetProps {
        config,
        on_event,
        lang: AttrValue::default(),
        words: None,
    };
    let app = yew::Renderer::<Widget>::with_root_and_props(root, props.clone()).render();
    Ok(WidgetHandle {
        app: Some(app),
        props,
    })
}

/// Defines `<gws-sms-session>` (once; later calls do nothing).
#[wasm_bindgen(js_name = defineElement)]
pub fn define_element() {
    start();
    define_element_named(ELEMENT_NAME);
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

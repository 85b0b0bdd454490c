//! The demo page.

fn main() {
    yew::Renderer::<gws_sms_widget::demo::Demo>::new().render();
}

//! The demo page. It also defines `<gws-sms-session>`, as any page loading the
//! widget's build does.

fn main() {
    gws_sms_widget::embed::define_element();
    yew::Renderer::<gws_sms_widget::demo::Demo>::new().render();
}

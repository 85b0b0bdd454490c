//! The widget's module as a page loads it: defines `<gws-sms-session>`. The demo page
//! (`index.html`, `static/demo.js`) embeds the widget through that element, as any host
//! page does.

fn main() {
    gws_sms_widget::embed::define_element();
}

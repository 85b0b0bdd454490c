//! A widget for one Genesys Web Services SMS session.

pub mod components;
pub mod embed;
pub mod i18n;
pub mod sms;
pub mod state;
pub mod transport;
pub mod widget;

#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

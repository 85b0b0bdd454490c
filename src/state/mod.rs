//! The session as the UI sees it.

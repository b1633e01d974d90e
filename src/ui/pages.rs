//! One component per extension page, plus the guided setup they share.

#[cfg(feature = "tab")]
mod app;
#[cfg(feature = "tab")]
mod options;
mod popup;
pub mod setup;

#[cfg(feature = "tab")]
pub use app::AppPage;
#[cfg(feature = "tab")]
pub use options::OptionsPage;
pub use popup::PopupPage;

//! One component per extension page, plus the guided setup they share.

mod app;
mod options;
mod popup;
pub mod setup;

pub use app::AppPage;
pub use options::OptionsPage;
pub use popup::PopupPage;

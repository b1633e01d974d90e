//! One component per extension page.

mod app;
mod options;
mod popup;

pub use app::AppPage;
pub use options::OptionsPage;
pub use popup::PopupPage;

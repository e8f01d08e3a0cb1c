//! Kompetence core: the domain rules (pure, no I/O) and the store (the only place that
//! knows SQL). The web layer and the command line both sit on top of this crate.
pub mod demo;
mod demo_programmes;
pub mod documents;
pub mod domain;
pub mod error;
#[cfg(feature = "generator")]
pub mod generate;
pub mod store;

pub use error::{Error, Result};

//! The HTTP layer: extract, authorise, render. No SQL and no business rules here; those
//! live in `kompetence-core`.
pub mod api;
pub mod auth;
pub mod error;
pub mod i18n;
pub mod input;
pub mod ops;
pub mod pages;
pub mod request;
pub mod routes;
pub mod state;

pub use routes::{Access, RouteInfo, app, route_table};
pub use state::{AppState, CprKey, MetricsToken, WebConfig};

//! Documents made for users' other tools: iCalendar feeds, SVG charts, PDF certificates and
//! transcripts, and signed Open Badges credentials.
pub mod chart;
pub mod credential;
pub mod diploma;
pub mod fund;
pub mod ical;
pub mod pdf;

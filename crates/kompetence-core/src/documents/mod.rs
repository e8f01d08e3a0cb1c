//! Documents made for users' other tools (iCalendar now; PDFs and credentials later).
pub mod chart;
pub mod ical;

//! Documents made for users' other tools (iCalendar now; PDFs and credentials later).
pub mod ical;

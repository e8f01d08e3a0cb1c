//! iCalendar (RFC 5545) feeds of teaching days.
//!
//! Written here rather than with the `icalendar` crate because that crate cannot emit the
//! VTIMEZONE component that every TZID must have (RFC 5545 § 3.2.19). CI checks the output
//! with two independent parsers (Python `icalendar`, npm `ical.js`).
use time::{Date, OffsetDateTime, Time, UtcOffset};

pub const TZID: &str = "Europe/Copenhagen";

const VTIMEZONE: &[&str] = &[
    "BEGIN:VTIMEZONE",
    "TZID:Europe/Copenhagen",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
];

/// One event in local Danish time.
pub struct CalEvent {
    /// Globally unique and stable across feed refreshes.
    pub uid: String,
    pub date: Date,
    pub starts: Time,
    pub ends: Time,
    pub summary: String,
    pub location: Option<String>,
    pub description: Option<String>,
}

/// Escapes TEXT values (§ 3.3.11).
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets without splitting a UTF-8 character (§ 3.1).
fn push_line(out: &mut String, line: &str) {
    let mut rest = line;
    let mut limit = 75;
    while rest.len() > limit {
        let mut cut = limit;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        limit = 74; // the leading space of a continuation line counts
    }
    out.push_str(rest);
    out.push_str("\r\n");
}

fn local(d: Date, t: Time) -> String {
    format!("{:04}{:02}{:02}T{:02}{:02}{:02}", d.year(), u8::from(d.month()), d.day(), t.hour(), t.minute(), t.second())
}

/// A whole calendar named `name`, stamped at `now`.
pub fn calendar(name: &str, events: &[CalEvent], now: OffsetDateTime) -> String {
    let utc = now.to_offset(UtcOffset::UTC);
    let stamp = format!("{}Z", local(utc.date(), utc.time()));
    let mut out = String::new();
    for l in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Kompetence//Kompetence//DA",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ] {
        push_line(&mut out, l);
    }
    push_line(&mut out, &format!("X-WR-CALNAME:{}", escape(name)));
    push_line(&mut out, &format!("X-WR-TIMEZONE:{TZID}"));
    for l in VTIMEZONE {
        push_line(&mut out, l);
    }
    for e in events {
        push_line(&mut out, "BEGIN:VEVENT");
        push_line(&mut out, &format!("UID:{}", escape(&e.uid)));
        push_line(&mut out, &format!("DTSTAMP:{stamp}"));
        push_line(&mut out, &format!("DTSTART;TZID={TZID}:{}", local(e.date, e.starts)));
        push_line(&mut out, &format!("DTEND;TZID={TZID}:{}", local(e.date, e.ends)));
        push_line(&mut out, &format!("SUMMARY:{}", escape(&e.summary)));
        if let Some(l) = &e.location {
            push_line(&mut out, &format!("LOCATION:{}", escape(l)));
        }
        if let Some(d) = &e.description {
            push_line(&mut out, &format!("DESCRIPTION:{}", escape(d)));
        }
        push_line(&mut out, "END:VEVENT");
    }
    push_line(&mut out, "END:VCALENDAR");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime, time};

    fn sample() -> String {
        let e = CalEvent {
            uid: "day-7@kompetence".into(),
            date: date!(2026 - 10 - 25),
            starts: time!(9:00),
            ends: time!(15:00),
            summary: "Undervisningsdag 3; cases, handlinger og \\ mere".into(),
            location: Some("Lokale 2.14, Campus Rønne".into()),
            description: Some(format!("Forbered: {}\nLæs kapitel 4", "æøå ".repeat(30))),
        };
        calendar("Mit forløb", &[e], datetime!(2026-11-22 10:00 UTC))
    }

    #[test]
    fn lines_end_in_crlf_and_fold_at_75_octets_on_character_boundaries() {
        let cal = sample();
        assert!(cal.ends_with("END:VCALENDAR\r\n"));
        assert!(!cal.replace("\r\n", "").contains('\n'), "no bare LF");
        for line in cal.split("\r\n") {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
        }
        let unfolded = cal.replace("\r\n ", "");
        assert!(unfolded.contains(&format!("DESCRIPTION:Forbered: {}\\nLæs kapitel 4", "æøå ".repeat(30))));
    }

    #[test]
    fn text_is_escaped_and_times_carry_the_copenhagen_zone() {
        let cal = sample().replace("\r\n ", "");
        assert!(cal.contains("SUMMARY:Undervisningsdag 3\\; cases\\, handlinger og \\\\ mere"));
        assert!(cal.contains("LOCATION:Lokale 2.14\\, Campus Rønne"));
        assert!(cal.contains("DTSTART;TZID=Europe/Copenhagen:20261025T090000"));
        assert!(cal.contains("DTSTAMP:20261122T100000Z"));
        assert!(cal.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/Copenhagen"));
        assert_eq!(cal.matches("UID:").count(), 1);
    }
}

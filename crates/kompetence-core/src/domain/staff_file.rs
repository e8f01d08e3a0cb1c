//! Staff files as municipalities hand them to learning systems, read into one
//! [`StaffSnapshot`] — or a report of every bad line, so that nothing is written from a
//! file that is wrong anywhere.
//!
//! The layout is OS2mo's export to Plan2Learn: five CSV files, `bruger.csv` (BrugerId,
//! CPR, Navn, E-mail, Mobil, Stilling), `organisation.csv` (AfdelingsID, Afdelingsnavn,
//! Parentid, Gade, Postnr, By), `engagement.csv` (BrugerId, AfdelingsId, AktivStatus,
//! StillingskodeId, Primær, Engagementstype), `stillingskode.csv` (StillingskodeID,
//! AktivStatus, Stillingskode, Stillingskode#) and `leder.csv` (BrugerId, AfdelingsID,
//! AktivStatus, Titel). Headers match without regard to case; comma or semicolon (Danish
//! Excel's default) is detected from the header line; the text must be UTF-8 (a BOM is
//! allowed).
use std::collections::{HashMap, HashSet};

use serde::Serialize;

/// The five files of the set, in the order they are read.
pub const OS2MO_FILES: [&str; 5] =
    ["organisation.csv", "bruger.csv", "stillingskode.csv", "engagement.csv", "leder.csv"];

/// Most rows a staff file may hold (Copenhagen has ~45,000 staff; room to spare).
pub const MAX_ROWS: usize = 200_000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceUnit {
    pub id: String,
    pub name: String,
    pub parent: Option<String>,
    pub address: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourcePerson {
    pub id: String,
    /// The CPR number as read (digits only); hashed before it reaches the database.
    pub cpr: Option<String>,
    pub name: String,
    pub email: String,
    pub mobile: Option<String>,
    pub job_title: Option<String>,
    /// The line in `bruger.csv`, for reporting a clash found against the database.
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceEngagement {
    pub person: String,
    pub unit: String,
    /// False for a known future engagement (AktivStatus 0).
    pub active: bool,
    pub primary: bool,
    pub kind: Option<String>,
    /// The position's readable title (Stillingskode) and code (Stillingskode#).
    pub position_title: Option<String>,
    pub position_code: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceLeader {
    pub person: String,
    pub unit: String,
    pub title: Option<String>,
}

/// A municipality's staff and units as one consistent whole.
#[derive(Debug, Clone, Default)]
pub struct StaffSnapshot {
    /// The file the people came from (for reporting a line found against the database).
    pub people_file: String,
    pub units: Vec<SourceUnit>,
    pub people: Vec<SourcePerson>,
    pub engagements: Vec<SourceEngagement>,
    pub leaders: Vec<SourceLeader>,
}

/// One problem in one line of one file. `line` counts the header as line 1; 0 means the
/// file as a whole. `key` is a Fluent message id; `value` what was found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct LineError {
    pub file: String,
    pub line: usize,
    pub key: &'static str,
    pub value: String,
}

impl LineError {
    fn new(file: &str, line: usize, key: &'static str, value: impl Into<String>) -> Self {
        Self { file: file.to_string(), line, key, value: value.into() }
    }
}

/// Rows of one CSV file with its columns found by name.
struct Table {
    file: String,
    rows: Vec<(usize, Vec<String>)>,
    columns: HashMap<String, usize>,
}

impl Table {
    fn get<'a>(&self, row: &'a [String], column: &str) -> Option<&'a str> {
        let i = *self.columns.get(&norm(column))?;
        row.get(i).map(|s| s.trim()).filter(|s| !s.is_empty())
    }
}

fn norm(header: &str) -> String {
    header.trim().trim_start_matches('\u{feff}').to_lowercase()
}

/// Reads one CSV file, checking encoding and the required columns.
fn table(file: &str, bytes: &[u8], required: &[&str], errors: &mut Vec<LineError>) -> Option<Table> {
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let line = 1 + bytes[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count();
            errors.push(LineError::new(file, line, "err-import-utf8", ""));
            return None;
        }
    };
    let text = text.trim_start_matches('\u{feff}');
    let header = text.lines().next().unwrap_or("");
    let delimiter = if header.matches(';').count() > header.matches(',').count() { b';' } else { b',' };
    let mut reader =
        csv::ReaderBuilder::new().delimiter(delimiter).flexible(true).has_headers(true).from_reader(text.as_bytes());
    let columns: HashMap<String, usize> = match reader.headers() {
        Ok(h) => h.iter().enumerate().map(|(i, name)| (norm(name), i)).collect(),
        Err(_) => {
            errors.push(LineError::new(file, 1, "err-import-header", ""));
            return None;
        }
    };
    let missing: Vec<&str> = required.iter().copied().filter(|c| !columns.contains_key(&norm(c))).collect();
    if !missing.is_empty() {
        errors.push(LineError::new(file, 1, "err-import-header", missing.join(", ")));
        return None;
    }
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let line = i + 2;
        if rows.len() >= MAX_ROWS {
            errors.push(LineError::new(file, line, "err-import-too-many", MAX_ROWS.to_string()));
            return None;
        }
        match record {
            Ok(r) if r.iter().all(|f| f.trim().is_empty()) => {}
            Ok(r) => rows.push((line, r.iter().map(str::to_string).collect())),
            Err(_) => errors.push(LineError::new(file, line, "err-import-line", "")),
        }
    }
    Some(Table { file: file.to_string(), rows, columns })
}

fn flag(value: Option<&str>) -> Option<bool> {
    match value.map(str::trim) {
        None | Some("") => None,
        Some("1" | "true" | "ja" | "Ja") => Some(true),
        Some("0" | "false" | "nej" | "Nej") => Some(false),
        Some(_) => None,
    }
}

/// Reads the OS2mo set from the files' contents, by file name. Every problem in every file
/// is reported; the snapshot is returned only when there are none.
pub fn read_os2mo(files: &HashMap<String, Vec<u8>>) -> Result<StaffSnapshot, Vec<LineError>> {
    let mut errors = Vec::new();
    let mut load = |name: &str, required: &[&str]| match files.get(name) {
        Some(bytes) => table(name, bytes, required, &mut errors),
        None => {
            errors.push(LineError::new(name, 0, "err-import-file-missing", name));
            None
        }
    };
    let org = load("organisation.csv", &["AfdelingsID", "Afdelingsnavn", "Parentid"]);
    let users = load("bruger.csv", &["BrugerId", "Navn", "E-mail"]);
    let codes = load("stillingskode.csv", &["StillingskodeID", "Stillingskode"]);
    let engs = load("engagement.csv", &["BrugerId", "AfdelingsId", "AktivStatus", "Primær"]);
    let leads = load("leder.csv", &["BrugerId", "AfdelingsID"]);
    // A file that could not be read at all still leaves the others to check, so one upload
    // reports every problem; checks that need a missing file are skipped.
    let empty = |file: &str| Table { file: file.to_string(), rows: vec![], columns: HashMap::new() };
    let complete = org.is_some() && users.is_some() && codes.is_some() && engs.is_some() && leads.is_some();
    let (org_ok, users_ok, codes_ok) = (org.is_some(), users.is_some(), codes.is_some());
    let org = org.unwrap_or_else(|| empty("organisation.csv"));
    let users = users.unwrap_or_else(|| empty("bruger.csv"));
    let codes = codes.unwrap_or_else(|| empty("stillingskode.csv"));
    let engs = match engs {
        Some(e) if org_ok && users_ok && codes_ok => e,
        _ => empty("engagement.csv"),
    };
    let leads = match leads {
        Some(l) if org_ok && users_ok => l,
        _ => empty("leder.csv"),
    };
    let mut snap = StaffSnapshot { people_file: "bruger.csv".into(), ..StaffSnapshot::default() };

    // Units: unique ids, parents that exist, no cycles.
    let mut unit_line = HashMap::new();
    for (line, row) in &org.rows {
        let (Some(id), Some(name)) = (org.get(row, "AfdelingsID"), org.get(row, "Afdelingsnavn")) else {
            errors.push(LineError::new(&org.file, *line, "err-import-missing-value", "AfdelingsID, Afdelingsnavn"));
            continue;
        };
        if unit_line.insert(id.to_string(), *line).is_some() {
            errors.push(LineError::new(&org.file, *line, "err-import-duplicate-id", id));
            continue;
        }
        let address: Vec<&str> = ["Gade", "Postnr", "By"].iter().filter_map(|c| org.get(row, c)).collect();
        snap.units.push(SourceUnit {
            id: id.to_string(),
            name: name.to_string(),
            parent: org.get(row, "Parentid").map(str::to_string),
            address: (!address.is_empty()).then(|| address.join(" ")),
        });
    }
    let parents: HashMap<&str, Option<&str>> =
        snap.units.iter().map(|u| (u.id.as_str(), u.parent.as_deref())).collect();
    for u in &snap.units {
        let line = unit_line[&u.id];
        if let Some(p) = &u.parent
            && !parents.contains_key(p.as_str())
        {
            errors.push(LineError::new(&org.file, line, "err-import-parent-missing", p.clone()));
            continue;
        }
        let mut seen = HashSet::from([u.id.as_str()]);
        let mut at = u.parent.as_deref();
        while let Some(p) = at {
            if !seen.insert(p) {
                errors.push(LineError::new(&org.file, line, "err-import-cycle", u.id.clone()));
                break;
            }
            at = parents.get(p).copied().flatten();
        }
    }

    // People: unique ids and e-mails.
    let mut person_ids = HashSet::new();
    let mut emails = HashSet::new();
    for (line, row) in &users.rows {
        let (Some(id), Some(name)) = (users.get(row, "BrugerId"), users.get(row, "Navn")) else {
            errors.push(LineError::new(&users.file, *line, "err-import-missing-value", "BrugerId, Navn"));
            continue;
        };
        if !person_ids.insert(id.to_string()) {
            errors.push(LineError::new(&users.file, *line, "err-import-duplicate-id", id));
            continue;
        }
        let email = users.get(row, "E-mail").unwrap_or("").to_lowercase();
        if super::Email::parse("email", &email).is_err() {
            errors.push(LineError::new(&users.file, *line, "err-import-email", email));
            continue;
        }
        if !emails.insert(email.clone()) {
            errors.push(LineError::new(&users.file, *line, "err-import-duplicate-email", email));
            continue;
        }
        let cpr = users.get(row, "CPR").map(|c| c.chars().filter(char::is_ascii_digit).collect::<String>());
        if let Some(c) = &cpr
            && c.len() != 10
        {
            // Not shown back: even a wrong CPR number is personal data.
            errors.push(LineError::new(&users.file, *line, "err-import-cpr", ""));
            continue;
        }
        snap.people.push(SourcePerson {
            id: id.to_string(),
            cpr,
            name: name.to_string(),
            email,
            mobile: users.get(row, "Mobil").map(str::to_string),
            job_title: users.get(row, "Stilling").map(str::to_string),
            line: *line,
        });
    }

    let mut positions: HashMap<String, (String, Option<String>)> = HashMap::new();
    for (line, row) in &codes.rows {
        let (Some(id), Some(title)) = (codes.get(row, "StillingskodeID"), codes.get(row, "Stillingskode")) else {
            errors.push(LineError::new(
                &codes.file,
                *line,
                "err-import-missing-value",
                "StillingskodeID, Stillingskode",
            ));
            continue;
        };
        let code = codes.get(row, "Stillingskode#").map(str::to_string);
        if positions.insert(id.to_string(), (title.to_string(), code)).is_some() {
            errors.push(LineError::new(&codes.file, *line, "err-import-duplicate-id", id));
        }
    }

    let mut pairs = HashSet::new();
    for (line, row) in &engs.rows {
        let (Some(person), Some(unit)) = (engs.get(row, "BrugerId"), engs.get(row, "AfdelingsId")) else {
            errors.push(LineError::new(&engs.file, *line, "err-import-missing-value", "BrugerId, AfdelingsId"));
            continue;
        };
        if !person_ids.contains(person) {
            errors.push(LineError::new(&engs.file, *line, "err-import-unknown-person", person));
            continue;
        }
        if !unit_line.contains_key(unit) {
            errors.push(LineError::new(&engs.file, *line, "err-import-unknown-unit", unit));
            continue;
        }
        let (Some(active), Some(primary)) = (flag(engs.get(row, "AktivStatus")), flag(engs.get(row, "Primær"))) else {
            errors.push(LineError::new(&engs.file, *line, "err-import-flag", "AktivStatus, Primær"));
            continue;
        };
        if !pairs.insert((person.to_string(), unit.to_string())) {
            errors.push(LineError::new(&engs.file, *line, "err-import-duplicate-id", format!("{person} / {unit}")));
            continue;
        }
        let position = match engs.get(row, "StillingskodeId") {
            None => None,
            Some(code) => match positions.get(code) {
                Some(p) => Some(p.clone()),
                None => {
                    errors.push(LineError::new(&engs.file, *line, "err-import-unknown-position", code));
                    continue;
                }
            },
        };
        snap.engagements.push(SourceEngagement {
            person: person.to_string(),
            unit: unit.to_string(),
            active,
            primary,
            kind: engs.get(row, "Engagementstype").map(str::to_string),
            position_title: position.as_ref().map(|p| p.0.clone()),
            position_code: position.and_then(|p| p.1),
        });
    }

    for (line, row) in &leads.rows {
        let (Some(person), Some(unit)) = (leads.get(row, "BrugerId"), leads.get(row, "AfdelingsID")) else {
            errors.push(LineError::new(&leads.file, *line, "err-import-missing-value", "BrugerId, AfdelingsID"));
            continue;
        };
        if !person_ids.contains(person) {
            errors.push(LineError::new(&leads.file, *line, "err-import-unknown-person", person));
            continue;
        }
        if !unit_line.contains_key(unit) {
            errors.push(LineError::new(&leads.file, *line, "err-import-unknown-unit", unit));
            continue;
        }
        if flag(leads.get(row, "AktivStatus")) == Some(false) {
            continue;
        }
        snap.leaders.push(SourceLeader {
            person: person.to_string(),
            unit: unit.to_string(),
            title: leads.get(row, "Titel").map(str::to_string),
        });
    }

    if errors.is_empty() && complete { Ok(snap) } else { Err(capped(errors)) }
}

/// Most problems of one kind reported per file: past that, one line says how many more, so
/// a single mistake (a unit left out) does not bury the report in its consequences.
const PER_KIND: usize = 20;

fn capped(errors: Vec<LineError>) -> Vec<LineError> {
    let mut seen: HashMap<(String, &'static str), usize> = HashMap::new();
    let mut out = Vec::new();
    for e in errors {
        let n = seen.entry((e.file.clone(), e.key)).or_default();
        *n += 1;
        if *n <= PER_KIND {
            out.push(e);
        }
    }
    let mut more: Vec<_> = seen.into_iter().filter(|(_, n)| *n > PER_KIND).collect();
    more.sort();
    for ((file, _), n) in more {
        out.push(LineError::new(&file, 0, "err-import-more", (n - PER_KIND).to_string()));
    }
    out
}

/// The OS2mo set's files from a directory (those of the five that exist; a missing one is
/// reported by [`read_os2mo`]).
pub fn os2mo_files_in(dir: &std::path::Path) -> std::io::Result<HashMap<String, Vec<u8>>> {
    let mut files = HashMap::new();
    for name in OS2MO_FILES {
        let path = dir.join(name);
        if path.exists() {
            files.insert(name.to_string(), std::fs::read(path)?);
        }
    }
    Ok(files)
}

/// The sample set of Aabenraa's payroll (`tests/fixtures/os2mo/aabenraa`), built in for the
/// demo.
pub fn aabenraa_sample() -> HashMap<String, Vec<u8>> {
    macro_rules! sample {
        ($($name:literal),*) => {
            [$(($name, include_bytes!(concat!("../../../../tests/fixtures/os2mo/aabenraa/", $name)).as_slice())),*]
        };
    }
    sample!("organisation.csv", "bruger.csv", "stillingskode.csv", "engagement.csv", "leder.csv")
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_vec()))
        .collect()
}

impl StaffSnapshot {
    /// Each person's primary engagement: the one marked primary (an active one before a
    /// future one), else their first active one.
    pub fn primary_units(&self) -> HashMap<&str, &SourceEngagement> {
        let mut out: HashMap<&str, &SourceEngagement> = HashMap::new();
        let rank = |e: &SourceEngagement| (e.primary, e.active);
        for e in &self.engagements {
            match out.get(e.person.as_str()) {
                Some(cur) if rank(cur) >= rank(e) => {}
                _ => {
                    out.insert(e.person.as_str(), e);
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(over: &[(&str, &str)]) -> HashMap<String, Vec<u8>> {
        let mut files: HashMap<String, Vec<u8>> = [
            ("organisation.csv", "AfdelingsID,Afdelingsnavn,Parentid,Gade,Postnr,By\nA,Kommunen,,Skelbækvej 2,6200,Aabenraa\nB,Løn,A,,,\nC,Team Syd,B,,,\n"),
            ("bruger.csv", "BrugerId,CPR,Navn,E-mail,Mobil,Stilling\np1,010170-1234,Lone Chef,lone@aabenraa.dk,,Lønchef\np2,,Anna Ager,ANNA@aabenraa.dk,,\n"),
            ("stillingskode.csv", "StillingskodeID,AktivStatus,Stillingskode,Stillingskode#\ns1,1,Lønkonsulent,1234\n"),
            ("engagement.csv", "BrugerId,AfdelingsId,AktivStatus,StillingskodeId,Primær,Engagementstype\np1,B,1,,1,Månedsløn\np2,C,1,s1,1,Månedsløn\np2,B,0,s1,0,Timeløn\n"),
            ("leder.csv", "BrugerId,AfdelingsID,AktivStatus,Titel\np1,B,1,Lønchef\n"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.as_bytes().to_vec()))
        .collect();
        for (k, v) in over {
            files.insert(k.to_string(), v.as_bytes().to_vec());
        }
        files
    }

    #[test]
    fn a_good_set_reads_whole_with_the_primary_engagement_and_the_position() {
        let snap = read_os2mo(&set(&[])).unwrap();
        assert_eq!(snap.units.len(), 3);
        assert_eq!(snap.units[0].address.as_deref(), Some("Skelbækvej 2 6200 Aabenraa"));
        assert_eq!(snap.people[1].email, "anna@aabenraa.dk", "e-mails are kept in lower case");
        assert_eq!(snap.people[0].cpr.as_deref(), Some("0101701234"));
        let primary = snap.primary_units();
        assert_eq!(primary["p2"].unit, "C");
        assert_eq!(primary["p2"].position_title.as_deref(), Some("Lønkonsulent"));
        assert_eq!(primary["p2"].position_code.as_deref(), Some("1234"));
        assert_eq!(snap.leaders[0].unit, "B");
    }

    #[test]
    fn danish_excel_semicolons_and_a_bom_are_read_like_commas() {
        let org = "\u{feff}AfdelingsID;Afdelingsnavn;Parentid\nA;Kommunen;\nB;Løn;A\nC;Team Syd;B\n";
        let snap = read_os2mo(&set(&[("organisation.csv", org)])).unwrap();
        assert_eq!(snap.units[2].parent.as_deref(), Some("B"));
    }

    #[test]
    fn every_bad_line_is_reported_with_file_line_and_reason() {
        let org = "AfdelingsID,Afdelingsnavn,Parentid\nA,Kommunen,\nB,Løn,X\nC,En,D\nD,To,C\nA,Igen,\n";
        let users = "BrugerId,CPR,Navn,E-mail\np1,,Lone,lone@aabenraa.dk\np1,,Lone,lone2@aabenraa.dk\np2,,Anna,ikke-en-mail\np3,,Bo,LONE@aabenraa.dk\n";
        let errs = read_os2mo(&set(&[("organisation.csv", org), ("bruger.csv", users)])).unwrap_err();
        let got: Vec<_> = errs.iter().map(|e| (e.file.as_str(), e.line, e.key)).collect();
        for want in [
            ("organisation.csv", 3, "err-import-parent-missing"),
            ("organisation.csv", 4, "err-import-cycle"),
            ("organisation.csv", 5, "err-import-cycle"),
            ("organisation.csv", 6, "err-import-duplicate-id"),
            ("bruger.csv", 3, "err-import-duplicate-id"),
            ("bruger.csv", 4, "err-import-email"),
            ("bruger.csv", 5, "err-import-duplicate-email"),
        ] {
            assert!(got.contains(&want), "{want:?} missing from {got:?}");
        }
    }

    #[test]
    fn wrong_headers_broken_utf8_and_a_missing_file_are_named() {
        let mut files = set(&[("organisation.csv", "Id,Navn\nA,Kommunen\n")]);
        files.insert(
            "bruger.csv".into(),
            b"BrugerId,CPR,Navn,E-mail\np1,,Lone,lone@aabenraa.dk\np2,,\xff\xfe,x@y.dk\n".to_vec(),
        );
        files.remove("leder.csv");
        let errs = read_os2mo(&files).unwrap_err();
        assert!(errs.contains(&LineError::new(
            "organisation.csv",
            1,
            "err-import-header",
            "AfdelingsID, Afdelingsnavn, Parentid"
        )));
        assert!(errs.contains(&LineError::new("bruger.csv", 3, "err-import-utf8", "")), "{errs:?}");
        assert!(errs.contains(&LineError::new("leder.csv", 0, "err-import-file-missing", "leder.csv")));
    }

    #[test]
    fn a_bad_cpr_number_is_refused_without_showing_it() {
        let users = "BrugerId,CPR,Navn,E-mail\np1,12345,Lone,lone@aabenraa.dk\np2,,Anna,anna@aabenraa.dk\n";
        let errs = read_os2mo(&set(&[("bruger.csv", users)])).unwrap_err();
        assert!(errs.iter().any(|e| e.key == "err-import-cpr" && e.value.is_empty()), "{errs:?}");
    }
}

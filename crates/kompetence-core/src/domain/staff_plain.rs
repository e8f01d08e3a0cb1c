//! The other common way staff reach a learning system: one file, one row per person, as a
//! payroll system or a spreadsheet exports it — CSV (comma or Danish Excel's semicolon) or
//! an Excel workbook (the first sheet) — with HR telling which column is which. Read into
//! the same [`StaffSnapshot`] as OS2mo's files, so the dry run, the import and its rules
//! are the same.
//!
//! Units are known by name here (the file has no unit ids): a unit's parent is the
//! "parent unit" column of its rows, a unit named only as a parent is a root, and the same
//! name with two different parents is reported. The "leads" column names the unit a person
//! leads (often their own).
use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use super::staff_file::{LineError, MAX_ROWS, SourceEngagement, SourceLeader, SourcePerson, SourceUnit, StaffSnapshot};

/// Which column (by its header) holds what; empty: not in the file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Mapping {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub unit: String,
    #[serde(default)]
    pub parent_unit: String,
    #[serde(default)]
    pub job_title: String,
    #[serde(default)]
    pub position_code: String,
    #[serde(default)]
    pub cpr: String,
    #[serde(default)]
    pub leads: String,
}

/// The words a column of each kind is often headed by (lower case), for the first guess.
const SYNONYMS: [(&str, &[&str]); 9] = [
    ("id", &["medarbejdernr", "medarbejdernummer", "lønnummer", "tjenestenummer", "brugerid", "id", "employee id"]),
    ("name", &["navn", "fulde navn", "name", "full name"]),
    ("email", &["e-mail", "email", "mail", "e-mailadresse"]),
    ("unit", &["afdeling", "enhed", "team", "unit", "department"]),
    ("parent_unit", &["overordnet afdeling", "overordnet enhed", "forvaltning", "parent unit", "parent"]),
    ("job_title", &["stilling", "stillingsbetegnelse", "titel", "job title", "title"]),
    ("position_code", &["stillingskode", "position code"]),
    ("cpr", &["cpr", "cpr-nummer", "cpr-nr"]),
    ("leads", &["leder for", "leder af", "leads"]),
];

impl Mapping {
    /// A first guess from the headers (HR can change each choice).
    pub fn guess(headers: &[String]) -> Mapping {
        let find = |kind: &str| {
            let words = SYNONYMS.iter().find(|(k, _)| *k == kind).map(|(_, w)| *w).unwrap_or(&[]);
            words
                .iter()
                .find_map(|w| headers.iter().find(|h| h.trim().to_lowercase() == *w))
                .cloned()
                .unwrap_or_default()
        };
        Mapping {
            id: find("id"),
            name: find("name"),
            email: find("email"),
            unit: find("unit"),
            parent_unit: find("parent_unit"),
            job_title: find("job_title"),
            position_code: find("position_code"),
            cpr: find("cpr"),
            leads: find("leads"),
        }
    }
}

/// A file's header row and data rows as text (line numbers count the header as 1).
pub struct Sheet {
    pub headers: Vec<String>,
    pub rows: Vec<(usize, Vec<String>)>,
}

/// Reads a CSV or XLSX file (by its name) into rows.
pub fn sheet(file: &str, bytes: &[u8]) -> Result<Sheet, Vec<LineError>> {
    let err = |line, key: &'static str, value: &str| {
        vec![LineError { file: file.to_string(), line, key, value: value.to_string() }]
    };
    if file.to_lowercase().ends_with(".xlsx") {
        use calamine::{Data, Reader, Xlsx};
        let mut book = Xlsx::new(std::io::Cursor::new(bytes)).map_err(|_| err(0, "err-import-xlsx", ""))?;
        let first = book.sheet_names().first().cloned().ok_or_else(|| err(0, "err-import-xlsx", ""))?;
        let range = book.worksheet_range(&first).map_err(|_| err(0, "err-import-xlsx", ""))?;
        let text = |c: &Data| match c {
            Data::Float(f) if f.fract() == 0.0 => format!("{f:.0}"),
            Data::Empty => String::new(),
            other => other.to_string(),
        };
        let mut rows = range.rows();
        let headers: Vec<String> = rows.next().map(|r| r.iter().map(text).collect()).unwrap_or_default();
        let mut out = Vec::new();
        for (i, r) in rows.enumerate() {
            if out.len() >= MAX_ROWS {
                return Err(err(i + 2, "err-import-too-many", &MAX_ROWS.to_string()));
            }
            let cells: Vec<String> = r.iter().map(text).collect();
            if cells.iter().any(|c| !c.trim().is_empty()) {
                out.push((i + 2, cells));
            }
        }
        return Ok(Sheet { headers, rows: out });
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let line = 1 + bytes[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count();
        err(line, "err-import-utf8", "")
    })?;
    let text = text.trim_start_matches('\u{feff}');
    let header = text.lines().next().unwrap_or("");
    let delimiter = if header.matches(';').count() > header.matches(',').count() { b';' } else { b',' };
    let mut reader =
        csv::ReaderBuilder::new().delimiter(delimiter).flexible(true).has_headers(true).from_reader(text.as_bytes());
    let headers: Vec<String> =
        reader.headers().map_err(|_| err(1, "err-import-header", ""))?.iter().map(str::to_string).collect();
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        if rows.len() >= MAX_ROWS {
            return Err(err(i + 2, "err-import-too-many", &MAX_ROWS.to_string()));
        }
        let r = record.map_err(|_| err(i + 2, "err-import-line", ""))?;
        if r.iter().any(|c| !c.trim().is_empty()) {
            rows.push((i + 2, r.iter().map(str::to_string).collect()));
        }
    }
    Ok(Sheet { headers, rows })
}

/// Ten digits, with or without the dash after the sixth: what a CPR number looks like.
fn looks_like_cpr(s: &str) -> bool {
    let digits: String = s.chars().filter(|c| *c != '-').collect();
    digits.len() == 10 && digits.chars().all(|c| c.is_ascii_digit()) && s.len() <= 11
}

fn truthy(s: &str) -> bool {
    matches!(s.trim().to_lowercase().as_str(), "1" | "ja" | "j" | "x" | "yes" | "true")
}

/// The snapshot in the file, by the mapping; every bad line is reported.
pub fn read_plain(file: &str, sheet: &Sheet, m: &Mapping) -> Result<StaffSnapshot, Vec<LineError>> {
    let mut errors = Vec::new();
    let e = |line, key: &'static str, value: String| LineError { file: file.to_string(), line, key, value };
    let col = |header: &str| -> Option<usize> {
        (!header.trim().is_empty()).then(|| sheet.headers.iter().position(|h| h.trim() == header.trim())).flatten()
    };
    let mut index = HashMap::new();
    for (field, header, required) in [
        ("id", &m.id, true),
        ("name", &m.name, true),
        ("email", &m.email, true),
        ("unit", &m.unit, false),
        ("parent_unit", &m.parent_unit, false),
        ("job_title", &m.job_title, false),
        ("position_code", &m.position_code, false),
        ("cpr", &m.cpr, false),
        ("leads", &m.leads, false),
    ] {
        match col(header) {
            Some(i) => {
                index.insert(field, i);
            }
            None if required || !header.trim().is_empty() => errors.push(e(
                1,
                "err-import-header",
                if header.trim().is_empty() { field.to_string() } else { header.clone() },
            )),
            None => {}
        }
    }
    // The CPR column only as CPR: mapped as an id, a name or an e-mail it would be stored in
    // clear and shown back.
    if !m.cpr.trim().is_empty() && [&m.id, &m.name, &m.email].iter().any(|h| h.trim() == m.cpr.trim()) {
        errors.push(e(1, "err-import-cpr-column", m.cpr.clone()));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let get = |row: &[String], field: &str| -> Option<String> {
        index.get(field).and_then(|&i| row.get(i)).map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
    };
    let mut snap = StaffSnapshot { people_file: file.to_string(), ..StaffSnapshot::default() };
    let mut ids = HashSet::new();
    let mut emails = HashSet::new();
    // unit name → (parent name, first line)
    let mut units: HashMap<String, (Option<String>, usize)> = HashMap::new();
    let mut order: Vec<String> = Vec::new();
    let mut note_unit =
        |name: &str, parent: Option<String>, line: usize, errors: &mut Vec<LineError>| match units.get(name) {
            None => {
                units.insert(name.to_string(), (parent, line));
                order.push(name.to_string());
            }
            Some((known, _)) if parent.is_some() && known.is_some() && *known != parent => {
                errors.push(e(line, "err-import-parent-conflict", name.to_string()));
            }
            Some((None, first)) if parent.is_some() => {
                let first = *first;
                units.insert(name.to_string(), (parent, first));
            }
            Some(_) => {}
        };
    for (line, row) in &sheet.rows {
        let (Some(id), Some(name)) = (get(row, "id"), get(row, "name")) else {
            errors.push(e(*line, "err-import-missing-value", format!("{}, {}", m.id, m.name)));
            continue;
        };
        if looks_like_cpr(&id) {
            // Not shown back: it may be a CPR number.
            errors.push(e(*line, "err-import-id-cpr", String::new()));
            continue;
        }
        if !ids.insert(id.clone()) {
            errors.push(e(*line, "err-import-duplicate-id", id));
            continue;
        }
        let email = get(row, "email").unwrap_or_default().to_lowercase();
        if super::Email::parse("email", &email).is_err() {
            errors.push(e(*line, "err-import-email", email));
            continue;
        }
        if !emails.insert(email.clone()) {
            errors.push(e(*line, "err-import-duplicate-email", email));
            continue;
        }
        let cpr = get(row, "cpr").map(|c| c.chars().filter(char::is_ascii_digit).collect::<String>());
        if cpr.as_ref().is_some_and(|c| c.len() != 10) {
            errors.push(e(*line, "err-import-cpr", String::new()));
            continue;
        }
        let unit = get(row, "unit");
        let parent = get(row, "parent_unit");
        if let Some(p) = &parent {
            note_unit(p, None, *line, &mut errors);
        }
        if let Some(u) = &unit {
            note_unit(u, parent.clone(), *line, &mut errors);
            snap.engagements.push(SourceEngagement {
                person: id.clone(),
                unit: u.clone(),
                active: true,
                primary: true,
                kind: None,
                position_title: None,
                position_code: get(row, "position_code"),
            });
        }
        if let Some(led) = get(row, "leads") {
            // "ja" and the like: their own unit; a name: that unit.
            let led = if truthy(&led) { unit.clone() } else { Some(led) };
            if let Some(led) = led {
                note_unit(&led, None, *line, &mut errors);
                snap.leaders.push(SourceLeader { person: id.clone(), unit: led, title: None });
            }
        }
        snap.people.push(SourcePerson {
            id,
            cpr,
            name,
            email,
            mobile: None,
            job_title: get(row, "job_title"),
            line: *line,
        });
    }
    // No unit may lie below itself.
    for name in &order {
        let mut seen = HashSet::from([name.as_str()]);
        let mut at = units.get(name).and_then(|(p, _)| p.as_deref());
        while let Some(p) = at {
            if !seen.insert(p) {
                errors.push(e(units[name].1, "err-import-cycle", name.clone()));
                break;
            }
            at = units.get(p).and_then(|(pp, _)| pp.as_deref());
        }
    }
    for name in order {
        let (parent, _) = units[&name].clone();
        snap.units.push(SourceUnit { id: name.clone(), name, parent, address: None });
    }
    if errors.is_empty() { Ok(snap) } else { Err(errors) }
}

/// What a set of uploaded files is: OS2mo's five, or one plain file with its mapping.
pub enum Layout {
    Os2mo,
    /// The file's name, its headers and the mapping used (given, kept, or guessed).
    Plain {
        file: String,
        headers: Vec<String>,
        mapping: Box<Mapping>,
    },
}

/// The file a plain mapping is kept under next to an uploaded file.
pub const MAPPING_FILE: &str = "mapping.json";

/// Reads an uploaded set in whichever layout it is: any of OS2mo's file names means OS2mo's
/// set; else one file (CSV or XLSX) with `mapping`, or the one kept with the upload, or a
/// guess from its headers.
pub fn read_any(
    files: &HashMap<String, Vec<u8>>,
    mapping: Option<&Mapping>,
) -> (Option<Layout>, Result<StaffSnapshot, Vec<LineError>>) {
    if files.keys().any(|k| super::staff_file::OS2MO_FILES.contains(&k.as_str())) {
        return (Some(Layout::Os2mo), super::staff_file::read_os2mo(files));
    }
    let data: Vec<(&String, &Vec<u8>)> = files.iter().filter(|(k, _)| k.as_str() != MAPPING_FILE).collect();
    let [(file, bytes)] = data.as_slice() else {
        let e = LineError { file: String::new(), line: 0, key: "err-import-which-layout", value: String::new() };
        return (None, Err(vec![e]));
    };
    let sheet = match sheet(file, bytes) {
        Ok(s) => s,
        Err(e) => return (None, Err(e)),
    };
    let kept = files.get(MAPPING_FILE).and_then(|m| serde_json::from_slice::<Mapping>(m).ok());
    let mapping = mapping.cloned().or(kept).unwrap_or_else(|| Mapping::guess(&sheet.headers));
    let result = read_plain(file, &sheet, &mapping);
    (Some(Layout::Plain { file: file.to_string(), headers: sheet.headers, mapping: Box::new(mapping) }), result)
}

#[cfg(test)]
mod tests {
    use super::*;

    const CSV: &str = "Medarbejdernr;Navn;E-mail;Afdeling;Overordnet afdeling;Stilling;Leder for\n\
        1;Lone Chef;lone@aabenraa.dk;Ledelse;Løn;Lønchef;Løn\n\
        2;Anna Ager;anna@aabenraa.dk;Team Syd;Løn;Lønkonsulent;\n\
        3;Bo Bech;bo@aabenraa.dk;Team Syd;Løn;Teamleder;ja\n";

    #[test]
    fn a_danish_excel_csv_maps_by_its_headers_into_units_people_and_leaders() {
        let s = sheet("personer.csv", CSV.as_bytes()).unwrap();
        let m = Mapping::guess(&s.headers);
        assert_eq!((m.id.as_str(), m.unit.as_str(), m.leads.as_str()), ("Medarbejdernr", "Afdeling", "Leder for"));
        let snap = read_plain("personer.csv", &s, &m).unwrap();
        let units: Vec<_> = snap.units.iter().map(|u| (u.name.as_str(), u.parent.as_deref())).collect();
        assert!(units.contains(&("Løn", None)) && units.contains(&("Team Syd", Some("Løn"))), "{units:?}");
        let leads: Vec<_> = snap.leaders.iter().map(|l| (l.person.as_str(), l.unit.as_str())).collect();
        assert_eq!(leads, [("1", "Løn"), ("3", "Team Syd")], "a name, or 'ja' for one's own unit");
    }

    #[test]
    fn a_missing_column_two_parents_for_one_unit_and_a_loop_are_reported() {
        let s = sheet("p.csv", CSV.as_bytes()).unwrap();
        let bad = Mapping { email: "Mail".into(), ..Mapping::guess(&s.headers) };
        let errs = read_plain("p.csv", &s, &bad).err().unwrap();
        assert_eq!((errs[0].key, errs[0].value.as_str()), ("err-import-header", "Mail"));
        let two = "Id,Navn,E-mail,Afdeling,Overordnet afdeling\n1,A,a@x.dk,Team,Løn\n2,B,b@x.dk,Team,Skole\n3,C,c@x.dk,Løn,Team\n";
        let s = sheet("p.csv", two.as_bytes()).unwrap();
        let errs = read_plain("p.csv", &s, &Mapping::guess(&s.headers)).err().unwrap();
        let keys: Vec<_> = errs.iter().map(|e| (e.line, e.key)).collect();
        assert!(keys.contains(&(3, "err-import-parent-conflict")), "{keys:?}");
        assert!(keys.iter().any(|k| k.1 == "err-import-cycle"), "{keys:?}");
    }

    #[test]
    fn a_cpr_number_is_never_taken_as_an_id_or_shown_back() {
        let csv = "Nr;CPR;Navn;E-mail\n0101701234;0101701234;Anna;anna@x.dk\n";
        let s = sheet("p.csv", csv.as_bytes()).unwrap();
        let as_id = Mapping { id: "CPR".into(), ..Mapping::guess(&s.headers) };
        let errs = read_plain("p.csv", &s, &as_id).err().unwrap();
        assert_eq!(errs[0].key, "err-import-cpr-column");
        let m = Mapping { id: "Nr".into(), ..Mapping::guess(&s.headers) };
        let errs = read_plain("p.csv", &s, &m).err().unwrap();
        assert_eq!((errs[0].key, errs[0].value.as_str()), ("err-import-id-cpr", ""), "an id like a CPR number");
    }

    #[test]
    fn the_workbook_sample_reads_like_the_csv_sample() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/plain/");
        let csv = std::fs::read(format!("{root}aabenraa.csv")).unwrap();
        let xlsx = std::fs::read(format!("{root}aabenraa.xlsx")).unwrap();
        let (a, b) = (sheet("aabenraa.csv", &csv).unwrap(), sheet("aabenraa.xlsx", &xlsx).unwrap());
        assert_eq!(a.headers, b.headers);
        let (a, b) = (
            read_plain("a", &a, &Mapping::guess(&a.headers)).unwrap(),
            read_plain("b", &b, &Mapping::guess(&b.headers)).unwrap(),
        );
        assert_eq!(a.people.len(), 30);
        assert_eq!(
            a.people.iter().map(|p| &p.id).collect::<Vec<_>>(),
            b.people.iter().map(|p| &p.id).collect::<Vec<_>>()
        );
        assert_eq!(a.units.len(), b.units.len());
        assert!(sheet("x.xlsx", b"not a workbook").is_err(), "a broken workbook is reported");
    }
}

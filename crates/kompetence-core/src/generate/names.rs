//! Word lists for the generated data set. Municipality names are Denmark's 98, weighted by
//! their approximate population (thousands) so staff numbers have the real spread: a few
//! large cities, many mid-sized municipalities and a handful of small islands.
pub const MUNICIPALITIES: &[(&str, u32)] = &[
    // Hovedstaden
    ("Albertslund", 28),
    ("Allerød", 26),
    ("Ballerup", 49),
    ("Bornholms Regionskommune", 39),
    ("Brøndby", 35),
    ("Dragør", 14),
    ("Egedal", 44),
    ("Fredensborg", 41),
    ("Frederiksberg", 104),
    ("Frederikssund", 46),
    ("Furesø", 41),
    ("Gentofte", 75),
    ("Gladsaxe", 70),
    ("Glostrup", 24),
    ("Gribskov", 41),
    ("Halsnæs", 31),
    ("Helsingør", 63),
    ("Herlev", 29),
    ("Hillerød", 52),
    ("Hvidovre", 54),
    ("Høje-Taastrup", 51),
    ("Hørsholm", 25),
    ("Ishøj", 24),
    ("Københavns", 650),
    ("Lyngby-Taarbæk", 56),
    ("Rudersdal", 57),
    ("Rødovre", 41),
    ("Tårnby", 43),
    ("Vallensbæk", 17),
    // Sjælland
    ("Faxe", 37),
    ("Greve", 51),
    ("Guldborgsund", 60),
    ("Holbæk", 72),
    ("Kalundborg", 49),
    ("Køge", 61),
    ("Lejre", 28),
    ("Lolland", 40),
    ("Næstved", 83),
    ("Odsherred", 33),
    ("Ringsted", 35),
    ("Roskilde", 90),
    ("Slagelse", 80),
    ("Solrød", 24),
    ("Sorø", 30),
    ("Stevns", 23),
    ("Vordingborg", 45),
    // Syddanmark
    ("Assens", 41),
    ("Billund", 27),
    ("Esbjerg", 116),
    ("Fanø", 4),
    ("Fredericia", 52),
    ("Faaborg-Midtfyn", 52),
    ("Haderslev", 55),
    ("Kerteminde", 24),
    ("Kolding", 94),
    ("Langeland", 12),
    ("Middelfart", 39),
    ("Nordfyns", 29),
    ("Nyborg", 32),
    ("Odense", 205),
    ("Svendborg", 59),
    ("Sønderborg", 74),
    ("Tønder", 37),
    ("Varde", 50),
    ("Vejen", 43),
    ("Vejle", 120),
    ("Ærø", 6),
    ("Aabenraa", 59),
    // Midtjylland
    ("Favrskov", 49),
    ("Hedensted", 47),
    ("Herning", 89),
    ("Holstebro", 59),
    ("Horsens", 91),
    ("Ikast-Brande", 41),
    ("Lemvig", 19),
    ("Norddjurs", 38),
    ("Odder", 23),
    ("Randers", 98),
    ("Ringkøbing-Skjern", 56),
    ("Samsø", 4),
    ("Silkeborg", 96),
    ("Skanderborg", 63),
    ("Skive", 46),
    ("Struer", 21),
    ("Syddjurs", 43),
    ("Viborg", 97),
    ("Aarhus", 360),
    // Nordjylland
    ("Brønderslev", 36),
    ("Frederikshavn", 59),
    ("Hjørring", 64),
    ("Jammerbugt", 38),
    ("Læsø", 2),
    ("Mariagerfjord", 42),
    ("Morsø", 20),
    ("Rebild", 30),
    ("Thisted", 43),
    ("Vesthimmerlands", 37),
    ("Aalborg", 220),
];

/// The municipality's official name.
pub fn municipality_name(stem: &str) -> String {
    if stem.ends_with("kommune") { stem.to_string() } else { format!("{stem} Kommune") }
}

/// ASCII slug for e-mail domains: "Høje-Taastrup" → "hoeje-taastrup".
pub fn slug(name: &str) -> String {
    let mut s = String::new();
    for c in name.to_lowercase().chars() {
        match c {
            'æ' => s.push_str("ae"),
            'ø' => s.push_str("oe"),
            'å' => s.push_str("aa"),
            'a'..='z' | '0'..='9' => s.push(c),
            _ => s.push('-'),
        }
    }
    s
}

/// (name, e-mail slug, programme code prefix, programme structure, programme title da/en)
pub const PROVIDERS: &[(&str, &str, &str, &str, &str, &str)] = &[
    (
        "Professionshøjskolen Nordlys",
        "nordlys",
        "NL",
        "diploma_degree",
        "Diplomuddannelse i offentlig administration",
        "Diploma in Public Administration",
    ),
    (
        "Det Kommunale Kompetencecenter",
        "kompetencecenter",
        "KC",
        "kommunom",
        "Kommunomuddannelsen",
        "Kommunom Programme",
    ),
    (
        "Erhvervsakademi Vestkysten",
        "vestkysten",
        "EV",
        "academy_degree",
        "Akademiuddannelse i offentlig forvaltning",
        "Academy Profession Degree in Public Administration",
    ),
];

/// Module themes (da, en); every provider offers all twenty under its own codes.
pub const THEMES: &[(&str, &str)] = &[
    ("Økonomistyring i kommunen", "Financial management in municipalities"),
    ("Løn og personaleadministration", "Payroll and HR administration"),
    ("ERP i den kommunale økonomi", "ERP in municipal finance"),
    ("Offentlig forvaltningsret", "Public administrative law"),
    ("Budgetlægning og opfølgning", "Budgeting and follow-up"),
    ("Digital forvaltning", "Digital public administration"),
    ("Ledelse af fagprofessionelle", "Leading professionals"),
    ("Projektledelse", "Project management"),
    ("Indkøb og udbud", "Procurement and tendering"),
    ("Regnskab og revision", "Accounting and audit"),
    ("Arbejdsmiljø og trivsel", "Working environment and well-being"),
    ("Kommunikation med borgere", "Communicating with citizens"),
    ("Data og dokumentation", "Data and documentation"),
    ("Overenskomster og aftaler", "Collective agreements"),
    ("Styring af velfærdsydelser", "Managing welfare benefits"),
    ("Forandringsledelse", "Change management"),
    ("Innovation i offentlige organisationer", "Innovation in public organisations"),
    ("Samarbejde på tværs", "Cross-sector collaboration"),
    ("Økonomisk analyse", "Economic analysis"),
    ("Afsluttende projekt", "Final project"),
];

/// Departments and the job titles found in them.
pub const DEPARTMENTS: &[(&str, &[&str])] = &[
    ("Økonomi", &["Økonomikonsulent", "Bogholder", "Controller", "Budgetkonsulent"]),
    ("Løn og personale", &["Lønkonsulent", "HR-konsulent", "Lønbogholder"]),
    ("Børn og unge", &["Pædagog", "Lærer", "Sagsbehandler"]),
    ("Sundhed og omsorg", &["Social- og sundhedsassistent", "Sygeplejerske", "Hjemmehjælper"]),
    ("Teknik og miljø", &["Ingeniør", "Byplanlægger", "Miljømedarbejder"]),
    ("Borgerservice", &["Borgerservicemedarbejder", "Kontorassistent"]),
    ("Beskæftigelse", &["Jobkonsulent", "Sagsbehandler"]),
    ("Kultur og fritid", &["Bibliotekar", "Kulturmedarbejder"]),
];

/// Invented people's names: the demo's lists.
pub(crate) use crate::demo::{FIRST, LAST};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_98_municipalities_are_named_once() {
        assert_eq!(MUNICIPALITIES.len(), 98);
        let mut names: Vec<_> = MUNICIPALITIES.iter().map(|(n, _)| *n).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), 98);
        assert_eq!(municipality_name("Bornholms Regionskommune"), "Bornholms Regionskommune");
        assert_eq!(municipality_name("Vejle"), "Vejle Kommune");
        assert_eq!(slug("Høje-Taastrup Kommune"), "hoeje-taastrup-kommune");
    }
}

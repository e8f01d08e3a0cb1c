//! Every message key used by the templates and the code exists in Danish and English.
use std::collections::BTreeSet;

use kompetence_web::i18n::{DA_FTL, EN_FTL};

fn keys(ftl: &str) -> BTreeSet<String> {
    ftl.lines()
        .filter_map(|l| l.split_once(" = ").map(|(k, _)| k.trim().to_string()))
        .filter(|k| !k.starts_with('#'))
        .collect()
}

fn used_keys() -> BTreeSet<String> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/");
    let mut out = BTreeSet::new();
    let mut files = vec![];
    for dir in [
        "templates",
        "src",
        "src/pages",
        "src/api",
        "src/auth",
        "../kompetence-core/src",
        "../kompetence-core/src/domain",
        "../kompetence-core/src/store",
    ] {
        for e in std::fs::read_dir(format!("{root}{dir}")).unwrap() {
            let p = e.unwrap().path();
            if p.is_file() {
                files.push(std::fs::read_to_string(p).unwrap());
            }
        }
    }
    for text in files {
        // Literal keys: t("…") / t1("…") and error keys "err-…".
        for part in text.split('"').skip(1).step_by(2) {
            let looks_like_key = part.chars().all(|c| c.is_ascii_lowercase() || c == '-' || c == '_')
                && part.contains('-')
                && !part.starts_with('-');
            if looks_like_key
                && (part.starts_with("err-")
                    || text.contains(&format!(".t(\"{part}\")"))
                    || text.contains(&format!(".t1(\"{part}\"")))
            {
                out.insert(part.to_string());
            }
        }
    }
    for r in kompetence_core::domain::Role::ALL {
        out.insert(format!("role-{}", r.as_str()));
    }
    use kompetence_core::domain::{EnrolmentState, ModuleRole, Structure, schedule::DayKind};
    for s in EnrolmentState::ALL {
        out.insert(format!("state-{}", s.as_str()));
    }
    for s in Structure::ALL {
        out.insert(format!("structure-{}", s.as_str()));
    }
    for p in kompetence_core::domain::learning::Presence::ALL {
        out.insert(format!("presence-{}", p.as_str()));
    }
    for q in kompetence_core::domain::learning::EVALUATION_QUESTIONS {
        out.insert(format!("eval-q-{q}"));
    }
    for s in ["submitted", "approved", "not_approved"] {
        out.insert(format!("sub-{s}"));
    }
    for k in DayKind::ALL {
        out.insert(format!("day-{}", k.as_str()));
    }
    for r in [ModuleRole::Compulsory, ModuleRole::Elective, ModuleRole::FinalProject] {
        out.insert(format!("mrole-{}", r.as_str()));
    }
    for f in kompetence_core::domain::exam::ExamForm::ALL {
        out.insert(format!("exam-form-{}", f.as_str()));
    }
    for k in [
        "attempt-registered",
        "attempt-handed_in",
        "attempt-graded",
        "attempt-absent",
        "grader-examiner",
        "grader-censor",
        "part-whole",
        "part-project",
        "part-oral",
    ] {
        out.insert(k.into());
    }
    out.insert("censor-internal".into());
    out.insert("censor-external".into());
    out.insert("kind-provider".into());
    out.insert("kind-municipality".into());
    out
}

#[test]
fn danish_and_english_define_the_same_keys() {
    let (da, en) = (keys(DA_FTL), keys(EN_FTL));
    assert_eq!(da.difference(&en).collect::<Vec<_>>(), Vec::<&String>::new(), "missing in English");
    assert_eq!(en.difference(&da).collect::<Vec<_>>(), Vec::<&String>::new(), "missing in Danish");
}

#[test]
fn every_key_the_code_uses_is_translated() {
    let da = keys(DA_FTL);
    let used = used_keys();
    assert!(used.len() > 50, "the scan found the keys ({})", used.len());
    let missing: Vec<_> = used.iter().filter(|k| !da.contains(*k)).collect();
    assert!(missing.is_empty(), "keys without a translation: {missing:?}");
}

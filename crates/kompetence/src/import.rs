//! `kompetence import staff DIR --org … --as …`: a municipality's staff from OS2mo's
//! Plan2Learn files, with a progress bar; a dry run reports and writes nothing.
use std::path::Path;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};
use kompetence_core::domain::staff_file::os2mo_files_in;
use kompetence_core::domain::staff_plain::{Mapping, read_any};
use kompetence_core::domain::{Locale, Role};
use kompetence_core::store::{ImportOptions, MunicipalityScope, Store};
use kompetence_web::i18n::{I18n, Tr};

use crate::config::Config;

/// `path` is a folder with OS2mo's five files, or one CSV/XLSX file with a row per person
/// whose columns are guessed from their headers, or given as `field=Header` in `map`.
pub async fn staff(
    store: &Store,
    cfg: &Config,
    path: &Path,
    org: &str,
    as_user: &str,
    dry_run: bool,
    map: &[String],
) -> anyhow::Result<()> {
    let org = store.org_by_name(org).await.map_err(|_| anyhow::anyhow!("no organisation named {org}"))?;
    let user = store.user_by_email(as_user).await.map_err(|_| anyhow::anyhow!("no user with e-mail {as_user}"))?;
    let scope: MunicipalityScope = store
        .authorize_as(user.id, org.id, &[Role::Hr])
        .await
        .map_err(|_| anyhow::anyhow!("{as_user} is not HR in {}", org.name))?;
    let (files, mapping) = if path.is_dir() {
        (os2mo_files_in(path)?, None)
    } else {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("staff.csv").to_lowercase();
        let files = std::collections::HashMap::from([(name.clone(), std::fs::read(path)?)]);
        let sheet = kompetence_core::domain::staff_plain::sheet(&name, &files[&name]).ok();
        let mut m = sheet.map(|s| Mapping::guess(&s.headers)).unwrap_or_default();
        for pair in map {
            let (field, header) = pair.split_once('=').ok_or_else(|| anyhow::anyhow!("--map takes field=Header"))?;
            let slot = match field {
                "id" => &mut m.id,
                "name" => &mut m.name,
                "email" => &mut m.email,
                "unit" => &mut m.unit,
                "parent_unit" => &mut m.parent_unit,
                "job_title" => &mut m.job_title,
                "position_code" => &mut m.position_code,
                "cpr" => &mut m.cpr,
                "leads" => &mut m.leads,
                other => anyhow::bail!("--map: no field {other}"),
            };
            *slot = header.to_string();
        }
        (files, Some(m))
    };
    // Problems are told in Danish, as on the import page.
    let tr = Tr { i18n: std::sync::Arc::new(I18n::load()), locale: Locale::Da };
    let report_lines = |errors: &[kompetence_core::domain::staff_file::LineError]| {
        for e in errors {
            let msg = tr.tn(e.key, &[("value", e.value.clone())]);
            eprintln!("{} linje {}: {msg}", e.file, e.line);
        }
    };
    let snap = match read_any(&files, mapping.as_ref()).1 {
        Ok(s) => s,
        Err(errors) => {
            report_lines(&errors);
            anyhow::bail!("{} problem(s) in the files; nothing was written", errors.len());
        }
    };
    let bar = ProgressBar::new(0);
    bar.set_style(ProgressStyle::with_template(
        "{spinner} [{elapsed_precise}] {wide_bar} {human_pos}/{human_len} rows · ETA {eta}",
    )?);
    bar.enable_steady_tick(Duration::from_millis(200));
    let progress = |done: usize, total: usize| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
    };
    let cpr_key = cfg.web.cpr_key.as_ref().map(|k| k.expose());
    let report = scope.import_staff(&snap, ImportOptions { dry_run, cpr_key, progress: Some(&progress) }).await;
    bar.finish_and_clear();
    let report = report?;
    if !report.errors.is_empty() {
        report_lines(&report.errors);
        anyhow::bail!("{} problem(s) against the database; nothing was written", report.errors.len());
    }
    println!("{}", if dry_run { "dry run: nothing was written" } else { "imported" });
    println!("units: {} new, {} changed, {} closed", report.units_created, report.units_changed, report.units_closed);
    println!(
        "people: {} new, {} changed, {} moved, {} left, {} back, {} unchanged; {} unit leaders",
        report.people_created,
        report.people_changed,
        report.people_moved,
        report.people_left,
        report.people_returned,
        report.people_unchanged,
        report.leaders
    );
    if report.cpr_ignored {
        println!("CPR numbers were not kept: no --cpr-key is configured");
    }
    Ok(())
}

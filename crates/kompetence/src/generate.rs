//! `kompetence generate`: fills an empty database with the national-scale data set, with a
//! progress bar, and optionally measures the bare insert of the same rows to compare with.
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};
use kompetence_core::generate::{self, Plan};
use kompetence_core::store::Store;

pub async fn run(store: &Store, plan: &Plan, compare: bool) -> anyhow::Result<()> {
    let bar = ProgressBar::new(0);
    bar.set_style(
        ProgressStyle::with_template(
            "{spinner} [{elapsed_precise}] {wide_bar} {human_pos}/{human_len} rows · {per_sec} · ETA {eta}",
        )?
        .progress_chars("=> "),
    );
    bar.enable_steady_tick(Duration::from_millis(200));
    let report = generate::generate(store, plan, &mut |written, total| {
        bar.set_length(total);
        bar.set_position(written);
    })
    .await?;
    bar.finish_and_clear();
    println!("table                 rows");
    for (table, n) in &report.rows {
        println!("{table:<20} {n:>9}");
    }
    println!(
        "generated {} rows in {:.1} s: {:.0} rows/s (one transaction per {} rows, multi-row prepared INSERTs)",
        report.total,
        report.elapsed.as_secs_f64(),
        report.rows_per_second(),
        generate::BATCH_ROWS
    );
    println!("every generated login uses the password {}", generate::PASSWORD);
    if compare {
        eprintln!("bare insert of the same rows (one single-row INSERT each, one transaction) …");
        let (bare_rows, spent) = generate::bare_insert(store, plan).await?;
        let bare_rate = bare_rows as f64 / spent.as_secs_f64().max(1e-9);
        println!(
            "bare insert: {bare_rows} rows in {:.1} s of database time: {bare_rate:.0} rows/s; generator = {:.0} % of bare",
            spent.as_secs_f64(),
            100.0 * report.rows_per_second() / bare_rate
        );
    }
    Ok(())
}

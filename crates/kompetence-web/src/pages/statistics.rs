//! Grade statistics per module and per cohort: the distribution on the 7-point scale and the
//! ECTS grading table (each passing grade's share, cumulative), over the last two years.
use crate::input::Path;
use axum::response::Response;
use kompetence_core::documents::chart::bar_chart;
use kompetence_core::domain::{DistributionRow, ModuleId, OrgId, distribution};
use serde::Serialize;

use super::{PageCtx, ok};
use crate::auth::Org;
use crate::auth::roles::ProviderAdmin;
use crate::error::AppError;

/// The grading table's reference period: at least the last two years (Users' Guide § 4.3).
const TWO_YEARS: i64 = 2 * 366 * 24 * 3600;

#[derive(Serialize, utoipa::ToSchema)]
pub struct Table {
    /// "all" or a cohort's name.
    pub label: String,
    pub results: u32,
    #[schema(value_type = Vec<Object>)]
    pub rows: Vec<DistributionRow>,
}

pub struct Shown {
    pub table: Table,
    pub chart: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct Statistics {
    pub module_id: ModuleId,
    pub overall: Table,
    pub cohorts: Vec<Table>,
}

pub async fn statistics(org: &Org<ProviderAdmin>, module: ModuleId) -> Result<Statistics, AppError> {
    let since = time::OffsetDateTime::now_utc().unix_timestamp() - TWO_YEARS;
    let grades = org.scope.module_grades(module, since).await?;
    let all: Vec<_> = grades.iter().map(|g| g.grade).collect();
    let mut cohorts: Vec<Table> = vec![];
    for g in &grades {
        if cohorts.iter().any(|c| c.label == g.cohort_name) {
            continue;
        }
        let mine: Vec<_> = grades.iter().filter(|o| o.cohort_id == g.cohort_id).map(|o| o.grade).collect();
        cohorts.push(Table { label: g.cohort_name.clone(), results: mine.len() as u32, rows: distribution(&mine) });
    }
    Ok(Statistics {
        module_id: module,
        overall: Table { label: "all".into(), results: all.len() as u32, rows: distribution(&all) },
        cohorts,
    })
}

#[derive(askama::Template)]
#[template(path = "statistics.html")]
struct StatisticsPage {
    page: PageCtx,
    title: String,
    org_id: OrgId,
    module_id: ModuleId,
    shown: Vec<Shown>,
}

pub async fn page(
    org: Org<ProviderAdmin>,
    page: PageCtx,
    Path((_, module)): Path<(OrgId, ModuleId)>,
) -> Result<Response, AppError> {
    let m = org.scope.module(module).await?;
    let s = statistics(&org, module).await?;
    let mut shown = vec![];
    for (i, mut table) in std::iter::once(s.overall).chain(s.cohorts).enumerate() {
        if table.label == "all" {
            table.label = page.t("statistics-all");
        }
        let bars: Vec<(String, u32)> = table.rows.iter().map(|r| (r.grade.as_str().to_string(), r.count)).collect();
        let description = bars.iter().map(|(g, n)| format!("{g}: {n}")).collect::<Vec<_>>().join(", ");
        let chart = bar_chart(
            &format!("chart-{i}"),
            &format!("{} – {}", page.t("statistics-chart"), table.label),
            &description,
            &bars,
        );
        shown.push(Shown { table, chart });
    }
    ok(&StatisticsPage {
        title: format!("{} – {} {}", page.t("statistics-title"), m.code, page.pick(&m.title_da, &m.title_en)),
        org_id: org.id(),
        module_id: module,
        shown,
        page,
    })
}

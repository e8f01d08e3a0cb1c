//! Embedded migrations, applied in order at start-up and by `kompetence migrate`.
use super::Store;
use crate::Result;

const MIGRATIONS: &[(i64, &str)] = &[
    (1, include_str!("../../migrations/0001_foundation.sql")),
    (2, include_str!("../../migrations/0002_programmes.sql")),
    (3, include_str!("../../migrations/0003_exams.sql")),
    (4, include_str!("../../migrations/0004_credit_transfer.sql")),
    (5, include_str!("../../migrations/0005_certificates.sql")),
    (6, include_str!("../../migrations/0006_learning.sql")),
    (7, include_str!("../../migrations/0007_performance.sql")),
    (8, include_str!("../../migrations/0008_login_throttle.sql")),
    (9, include_str!("../../migrations/0009_audit.sql")),
    (10, include_str!("../../migrations/0010_planning.sql")),
];

pub async fn run(store: &Store) -> Result<usize> {
    let d = store.dialect;
    sqlx::raw_sql(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, applied_at BIGINT NOT NULL)",
    )
    .execute(&store.pool)
    .await?;
    let mut tx = store.begin_write().await?;
    if let Some(lock) = d.migration_lock() {
        sqlx::query(lock).execute(&mut *tx).await?;
    }
    let done: Vec<i64> = sqlx::query_scalar("SELECT version FROM schema_migrations").fetch_all(&mut *tx).await?;
    let mut applied = 0;
    for (version, sql) in MIGRATIONS {
        if done.contains(version) {
            continue;
        }
        sqlx::raw_sql(&d.render_migration(sql)).execute(&mut *tx).await?;
        sqlx::query("INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)")
            .bind(version)
            .bind(super::now())
            .execute(&mut *tx)
            .await?;
        applied += 1;
    }
    tx.commit().await?;
    Ok(applied)
}

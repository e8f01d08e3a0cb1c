//! Bulk loading for the national-scale data generator: many rows per statement, one
//! transaction per batch, and the same statement text for every full batch so each
//! connection prepares it once (sqlx caches prepared statements by their SQL).
//!
//! Also the "bare insert" the generator is measured against: one prepared single-row
//! INSERT per row into a copy of the table without indexes, all in one transaction.
use std::time::{Duration, Instant};

use sqlx::any::AnyArguments;
use sqlx::query::Query;
use sqlx::{Any, Transaction};

use super::Store;
use crate::Result;

/// One value in a generated row. Nulls carry their column's type because PostgreSQL is
/// told each parameter's type and refuses an integer NULL for a text column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    Int(i64),
    Text(String),
    NullInt,
    NullText,
}

impl From<i64> for Cell {
    fn from(v: i64) -> Self {
        Cell::Int(v)
    }
}
impl From<&str> for Cell {
    fn from(v: &str) -> Self {
        Cell::Text(v.to_string())
    }
}
impl From<String> for Cell {
    fn from(v: String) -> Self {
        Cell::Text(v)
    }
}
impl From<Option<i64>> for Cell {
    fn from(v: Option<i64>) -> Self {
        v.map_or(Cell::NullInt, Cell::Int)
    }
}
impl From<Option<String>> for Cell {
    fn from(v: Option<String>) -> Self {
        v.map_or(Cell::NullText, Cell::Text)
    }
}

/// A table and the columns the generator fills, in row order.
#[derive(Debug)]
pub struct BulkTable {
    pub name: &'static str,
    pub columns: &'static [&'static str],
}

/// At most this many bound parameters per statement: under SQLite's limit (32,766) and
/// PostgreSQL's (65,535), and small enough that statements stay cheap to prepare.
const MAX_PARAMS: usize = 8_000;
const MAX_ROWS_PER_STATEMENT: usize = 256;

fn insert_sql(table: &str, columns: &[&str], rows: usize) -> String {
    let mut sql = format!("INSERT INTO {table} ({}) VALUES ", columns.join(", "));
    let mut n = 0;
    for r in 0..rows {
        if r > 0 {
            sql.push_str(", ");
        }
        sql.push('(');
        for c in 0..columns.len() {
            n += 1;
            if c > 0 {
                sql.push_str(", ");
            }
            sql.push('$');
            sql.push_str(&n.to_string());
        }
        sql.push(')');
    }
    sql
}

fn bind_cell<'q>(q: Query<'q, Any, AnyArguments<'q>>, cell: &'q Cell) -> Query<'q, Any, AnyArguments<'q>> {
    match cell {
        Cell::Int(v) => q.bind(*v),
        Cell::Text(v) => q.bind(v.as_str()),
        Cell::NullInt => q.bind(None::<i64>),
        Cell::NullText => q.bind(None::<String>),
    }
}

async fn insert_rows(tx: &mut Transaction<'static, Any>, table: &BulkTable, rows: &[Vec<Cell>]) -> Result<()> {
    let per_statement = (MAX_PARAMS / table.columns.len()).clamp(1, MAX_ROWS_PER_STATEMENT);
    for chunk in rows.chunks(per_statement) {
        let sql = insert_sql(table.name, table.columns, chunk.len());
        let mut q = sqlx::query(&sql);
        for cell in chunk.iter().flatten() {
            q = bind_cell(q, cell);
        }
        q.execute(&mut **tx).await?;
    }
    Ok(())
}

impl Store {
    /// Inserts batches of rows, table by table in the order given (parents before children),
    /// in one transaction.
    pub async fn bulk_insert(&self, batches: &[(&BulkTable, &[Vec<Cell>])]) -> Result<()> {
        let mut tx = self.begin_write().await?;
        for (table, rows) in batches {
            insert_rows(&mut tx, table, rows).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// After rows were inserted with explicit ids: moves PostgreSQL's identity sequences past
    /// them so the application's own inserts get fresh ids. (SQLite's AUTOINCREMENT follows
    /// explicit ids by itself.)
    pub async fn reset_id_sequences(&self, tables: &[&str]) -> Result<()> {
        for table in tables {
            if let Some(sql) = self.dialect.reset_id_sequence(table) {
                sqlx::query(&sql).execute(&self.pool).await?;
            }
        }
        Ok(())
    }

    /// Fresh planner statistics after a bulk load (see [`super::Dialect::after_bulk_load`]).
    pub async fn after_bulk_load(&self) -> Result<()> {
        if let Some(sql) = self.dialect.after_bulk_load() {
            sqlx::query(sql).execute(&self.pool).await?;
        }
        Ok(())
    }
}

/// The yardstick for the generator: a copy of each table without indexes or constraints,
/// filled with one prepared single-row INSERT per row inside a single transaction. Only the
/// time spent in the database calls is counted, so making the rows costs the yardstick nothing.
pub struct BareInsert {
    tx: Option<Transaction<'static, Any>>,
    spent: Duration,
    created: Vec<String>,
    pub rows: u64,
}

impl BareInsert {
    pub async fn begin(store: &Store) -> Result<Self> {
        let started = Instant::now();
        let tx = store.begin_write().await?;
        Ok(Self { tx: Some(tx), spent: started.elapsed(), created: Vec::new(), rows: 0 })
    }

    pub async fn insert(&mut self, table: &BulkTable, row: &[Cell]) -> Result<()> {
        let tx = self.tx.as_mut().expect("bare insert already finished");
        let bare = format!("bare_{}", table.name);
        let started = Instant::now();
        if !self.created.contains(&bare) {
            // Same columns and types, no indexes, no constraints; valid in both dialects.
            sqlx::query(&format!("CREATE TABLE {bare} AS SELECT * FROM {} WHERE 1 = 0", table.name))
                .execute(&mut **tx)
                .await?;
            self.created.push(bare.clone());
        }
        let sql = insert_sql(&bare, table.columns, 1);
        let mut q = sqlx::query(&sql);
        for cell in row {
            q = bind_cell(q, cell);
        }
        q.execute(&mut **tx).await?;
        self.spent += started.elapsed();
        self.rows += 1;
        Ok(())
    }

    /// Commits, then drops the copies again. Returns the time spent inserting and committing.
    pub async fn finish(mut self, store: &Store) -> Result<Duration> {
        let started = Instant::now();
        if let Some(tx) = self.tx.take() {
            tx.commit().await?;
        }
        let spent = self.spent + started.elapsed();
        for bare in &self.created {
            sqlx::query(&format!("DROP TABLE {bare}")).execute(&store.pool).await?;
        }
        Ok(spent)
    }
}

#[cfg(test)]
mod tests {
    use super::insert_sql;

    #[test]
    fn multi_row_statements_number_their_parameters_in_order() {
        assert_eq!(insert_sql("t", &["a", "b"], 2), "INSERT INTO t (a, b) VALUES ($1, $2), ($3, $4)");
    }
}

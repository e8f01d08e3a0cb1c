//! The columns a form writes, with their values, listed once per table and used by both its
//! insert and its update — so the two cannot come to disagree about a column or its order.
use sqlx::any::AnyArguments;
use sqlx::{Any, Arguments, Encode, Type};

/// Column names with their values, in order.
pub(crate) struct Values<'q> {
    cols: Vec<&'static str>,
    args: AnyArguments<'q>,
}

impl<'q> Values<'q> {
    pub(crate) fn new() -> Self {
        Values { cols: Vec::new(), args: AnyArguments::default() }
    }

    /// Adds one column and its value.
    pub(crate) fn set<T: 'q + Encode<'q, Any> + Type<Any>>(mut self, col: &'static str, value: T) -> Self {
        // Encoding into Any's buffer only fails for types Any cannot carry, which the
        // bounds already rule out.
        self.args.add(value).expect("a value of a type the Any driver carries");
        self.cols.push(col);
        self
    }

    /// `INSERT INTO table (…) VALUES ($1, …) tail` and its arguments.
    pub(crate) fn insert(self, table: &str, tail: &str) -> (String, AnyArguments<'q>) {
        let marks: Vec<String> = (1..=self.cols.len()).map(|i| format!("${i}")).collect();
        (format!("INSERT INTO {table} ({}) VALUES ({}) {tail}", self.cols.join(", "), marks.join(", ")), self.args)
    }

    /// `UPDATE table SET c = $1, … WHERE k = $n AND …` for the key columns and values given,
    /// and its arguments.
    pub(crate) fn update(self, table: &str, keys: &[(&'static str, i64)]) -> (String, AnyArguments<'q>) {
        let n = self.cols.len();
        let set: Vec<String> = self.cols.iter().enumerate().map(|(i, c)| format!("{c} = ${}", i + 1)).collect();
        let filter: Vec<String> = keys.iter().enumerate().map(|(i, (k, _))| format!("{k} = ${}", n + i + 1)).collect();
        let mut args = self.args;
        for (_, v) in keys {
            args.add(*v).expect("an integer key");
        }
        (format!("UPDATE {table} SET {} WHERE {}", set.join(", "), filter.join(" AND ")), args)
    }
}

/// `INSERT INTO table (cols) VALUES ($1, …), (…) tail` for `rows` rows: one statement (and
/// one round trip) for many rows, for imports. The caller adds the values row by row.
pub(crate) fn insert_rows(table: &str, cols: &[&str], rows: usize, tail: &str) -> String {
    let mut values = Vec::with_capacity(rows);
    for r in 0..rows {
        let marks: Vec<String> = (1..=cols.len()).map(|c| format!("${}", r * cols.len() + c)).collect();
        values.push(format!("({})", marks.join(", ")));
    }
    format!("INSERT INTO {table} ({}) VALUES {} {tail}", cols.join(", "), values.join(", "))
}

#[cfg(test)]
mod tests {
    use super::Values;

    #[test]
    fn a_multi_row_insert_numbers_every_row_on() {
        assert_eq!(
            super::insert_rows("t", &["a", "b"], 2, "RETURNING id"),
            "INSERT INTO t (a, b) VALUES ($1, $2), ($3, $4) RETURNING id"
        );
    }

    #[test]
    fn insert_and_update_number_the_same_columns_in_the_same_order() {
        let v = || Values::new().set("code", "LØN1").set("ects", 5_i64);
        let (insert, _) = v().set("created_at", 7_i64).insert("modules", "RETURNING id");
        assert_eq!(insert, "INSERT INTO modules (code, ects, created_at) VALUES ($1, $2, $3) RETURNING id");
        let (update, _) = v().update("modules", &[("id", 4), ("provider_id", 2)]);
        assert_eq!(update, "UPDATE modules SET code = $1, ects = $2 WHERE id = $3 AND provider_id = $4");
    }
}

//! Integration tests: the real router over a real database (SQLite by default, PostgreSQL
//! when TEST_DATABASE_URL is set). Files mirror the areas of the product.
mod access;
mod admin;
mod api;
mod auth;
mod certificates;
mod employees;
mod enrolment;
mod exams;
mod i18n;
mod input;
mod learning;
mod national;
mod ops;
mod planning;
mod programmes;
mod schedule;
mod support;

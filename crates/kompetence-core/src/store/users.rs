//! Users (people who can log in) and their preferences.
use serde::Serialize;
use sqlx::FromRow;

use super::{PageRequest, Paged, Store, now};
use crate::domain::{Email, Locale, PasswordHash, PersonName, UserId};
use crate::{Error, Result};

#[derive(Debug, Clone, Serialize)]
pub struct User {
    pub id: UserId,
    pub email: String,
    pub name: String,
    pub locale: Locale,
    pub is_platform_admin: bool,
}

#[derive(FromRow)]
pub(super) struct UserRow {
    id: i64,
    email: String,
    name: String,
    locale: String,
    is_platform_admin: i64,
}

impl From<UserRow> for User {
    fn from(r: UserRow) -> Self {
        Self {
            id: UserId(r.id),
            email: r.email,
            name: r.name,
            locale: Locale::parse(&r.locale).unwrap_or_default(),
            is_platform_admin: r.is_platform_admin != 0,
        }
    }
}

pub(super) const USER_COLS: &str = "id, email, name, locale, is_platform_admin";

/// A validated user to be created.
pub struct NewUser {
    pub email: Email,
    pub name: PersonName,
    pub password: Option<PasswordHash>,
    pub locale: Locale,
    pub is_platform_admin: bool,
}

impl Store {
    pub async fn create_user(&self, u: NewUser) -> Result<User> {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO users (email, name, password_hash, locale, is_platform_admin, created_at)
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(u.email.as_str())
        .bind(u.name.as_str())
        .bind(u.password.map(|p| p.0))
        .bind(u.locale.as_str())
        .bind(i64::from(u.is_platform_admin))
        .bind(now())
        .fetch_one(&self.pool)
        .await
        .map_err(|e| self.conflict(e, "email", "err-email-taken"))?;
        self.user(UserId(id)).await
    }

    pub async fn user(&self, id: UserId) -> Result<User> {
        let row: UserRow = sqlx::query_as(&format!("SELECT {USER_COLS} FROM users WHERE id = $1"))
            .bind(id.0)
            .fetch_one(&self.pool)
            .await?;
        Ok(row.into())
    }

    pub async fn user_by_email(&self, email: &str) -> Result<User> {
        let row: UserRow = sqlx::query_as(&format!("SELECT {USER_COLS} FROM users WHERE email = $1"))
            .bind(email.trim().to_lowercase())
            .fetch_one(&self.pool)
            .await?;
        Ok(row.into())
    }

    /// The user and their password hash, for logging in. `None` when no such user.
    pub async fn credentials(&self, email: &str) -> Result<Option<(User, Option<String>)>> {
        let row: Option<(i64, Option<String>)> = sqlx::query_as("SELECT id, password_hash FROM users WHERE email = $1")
            .bind(email.trim().to_lowercase())
            .fetch_optional(&self.pool)
            .await?;
        match row {
            None => Ok(None),
            Some((id, hash)) => Ok(Some((self.user(UserId(id)).await?, hash))),
        }
    }

    /// Sets a new password and ends every session of the user: whoever knew the old one
    /// (the reason it is often changed) is logged out with it.
    pub async fn set_password(&self, id: UserId, hash: PasswordHash) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
            .bind(hash.0)
            .bind(id.0)
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() == 0 {
            return Err(Error::NotFound);
        }
        sqlx::query("DELETE FROM sessions WHERE user_id = $1").bind(id.0).execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(())
    }

    pub(crate) async fn set_locale(&self, id: UserId, locale: Locale) -> Result<()> {
        sqlx::query("UPDATE users SET locale = $1 WHERE id = $2")
            .bind(locale.as_str())
            .bind(id.0)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Users matching `q` in name or e-mail, for the platform admin.
    pub async fn list_users(&self, q: &str, page: PageRequest) -> Result<Paged<User>> {
        let pattern = format!("%{}%", q.trim());
        let like = self.dialect.ilike();
        let filter = format!("WHERE name {like} $1 OR email {like} $1");
        let total: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM users {filter}"))
            .bind(&pattern)
            .fetch_one(&self.pool)
            .await?;
        let rows: Vec<UserRow> =
            sqlx::query_as(&format!("SELECT {USER_COLS} FROM users {filter} ORDER BY name, id LIMIT $2 OFFSET $3"))
                .bind(&pattern)
                .bind(i64::from(page.per_page))
                .bind(page.offset())
                .fetch_all(&self.pool)
                .await?;
        Ok(Paged { items: rows.into_iter().map(User::from).collect(), total, page: page.page, per_page: page.per_page })
    }
}

#[cfg(test)]
mod tests {
    use crate::domain::hash_password;
    use crate::store::testing::{store, user};

    #[tokio::test]
    async fn a_new_password_ends_every_session_of_the_user_and_no_one_elses() {
        let (s, _dir) = store().await;
        let anne = user(&s, "anne@aabenraa.dk").await;
        let bo = user(&s, "bo@aabenraa.dk").await;
        let (phone, laptop, other) = (
            s.create_session(anne).await.unwrap(),
            s.create_session(anne).await.unwrap(),
            s.create_session(bo).await.unwrap(),
        );
        s.set_password(anne, hash_password("password", "ny-og-lang-kode").unwrap()).await.unwrap();
        assert!(s.session(phone.expose()).await.unwrap().is_none());
        assert!(s.session(laptop.expose()).await.unwrap().is_none());
        assert!(s.session(other.expose()).await.unwrap().is_some(), "Bo stays logged in");
    }
}

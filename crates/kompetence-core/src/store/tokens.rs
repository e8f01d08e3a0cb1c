//! API tokens for integrations. A token acts for the user who made it, in one
//! organisation, with that user's roles there: the API answers with the same rights as
//! the pages.
use serde::Serialize;

use super::{OrgScope, Store, now};
use crate::domain::{OrgId, Secret, ShortText, TokenId, UserId, hash_secret};
use crate::{Error, Result};

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ApiToken {
    #[schema(value_type = i64)]
    pub id: TokenId,
    pub name: String,
    pub owner_name: String,
    pub created_at: i64,
    pub revoked: bool,
}

/// Who a presented bearer token acts for.
pub struct TokenOwner {
    pub user: UserId,
    /// The one organisation the token may act in; `None` for all the user's.
    pub org: Option<OrgId>,
}

impl Store {
    /// Makes a token for `user`, bound to `org` (where the user must hold a role) or, with
    /// `None`, acting with all of the user's roles.
    pub async fn create_token(&self, user: UserId, org: Option<OrgId>, name: &str) -> Result<Secret> {
        let name = ShortText::parse_required("name", name, 100)?;
        match org {
            Some(org) => self.authorize(user, org, &[]).await?.insert_token(&name).await,
            None => {
                let secret = Secret::generate("kpt_");
                sqlx::query("INSERT INTO api_tokens (user_id, org_id, name, token_hash, created_at) VALUES ($1, NULL, $2, $3, $4)")
                    .bind(user.0)
                    .bind(name.as_str())
                    .bind(secret.hash())
                    .bind(now())
                    .execute(&self.pool)
                    .await?;
                Ok(secret)
            }
        }
    }

    pub async fn token_owner(&self, presented: &str) -> Result<Option<TokenOwner>> {
        let row: Option<(i64, Option<i64>)> =
            sqlx::query_as("SELECT user_id, org_id FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL")
                .bind(hash_secret(presented))
                .fetch_optional(&self.pool)
                .await?;
        Ok(row.map(|(u, o)| TokenOwner { user: UserId(u), org: o.map(OrgId) }))
    }
}

impl OrgScope {
    async fn insert_token(&self, name: &ShortText) -> Result<Secret> {
        let secret = Secret::generate("kpt_");
        sqlx::query(
            "INSERT INTO api_tokens (user_id, org_id, name, token_hash, created_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(self.grant.user().0)
        .bind(self.org_id().0)
        .bind(name.as_str())
        .bind(secret.hash())
        .bind(now())
        .execute(&self.store.pool)
        .await?;
        Ok(secret)
    }

    /// A new token acting for the caller in this organisation. The clear text is returned
    /// once and never stored.
    pub async fn create_token(&self, name: &str) -> Result<Secret> {
        let name = ShortText::parse_required("name", name, 100)?;
        self.insert_token(&name).await
    }

    pub async fn tokens(&self) -> Result<Vec<ApiToken>> {
        let rows: Vec<(i64, String, String, i64, Option<i64>)> = sqlx::query_as(
            "SELECT t.id, t.name, u.name, t.created_at, t.revoked_at FROM api_tokens t JOIN users u ON u.id = t.user_id
             WHERE t.org_id = $1 ORDER BY t.created_at DESC, t.id DESC",
        )
        .bind(self.org_id().0)
        .fetch_all(&self.store.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(id, name, owner_name, created_at, revoked)| ApiToken {
                id: TokenId(id),
                name,
                owner_name,
                created_at,
                revoked: revoked.is_some(),
            })
            .collect())
    }

    pub async fn revoke_token(&self, id: TokenId) -> Result<()> {
        let done =
            sqlx::query("UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND org_id = $3 AND revoked_at IS NULL")
                .bind(now())
                .bind(id.0)
                .bind(self.org_id().0)
                .execute(&self.store.pool)
                .await?;
        if done.rows_affected() == 0 { Err(Error::NotFound) } else { Ok(()) }
    }
}

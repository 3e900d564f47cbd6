//! The programme's accounts as faculty manage them: listing them and creating one for a
//! colleague, fellow or host member of staff (invitations are the other way in).

use serde::Serialize;
use ts_rs::TS;

use crate::auth::{actor_by_id, insert_user, Actor, NewUserInput, Role};
use crate::db::Db;
use crate::error::{ApiError, Result};

/// Faculty create accounts for colleagues, fellows and host staff.
pub async fn create_user(db: &Db, actor: &Actor, input: NewUserInput) -> Result<UserSummary> {
    crate::auth::access::require_faculty(actor)?;
    let mut tx = db.begin().await?;
    if let Some(fid) = input.fellow_id.filter(|_| input.role == Role::Fellow) {
        crate::programme::fellows::exists(&mut tx, fid)
            .await
            .map_err(|_| ApiError::field("fellow_id", "That fellow does not exist."))?;
    }
    let id = insert_user(&mut tx, &input).await?;
    tx.commit().await?;
    let a = actor_by_id(db, id).await?;
    Ok(UserSummary {
        id: a.user_id,
        role: a.role(),
        fellow_id: a.fellow_id(),
        host_id: a.host_id(),
        name: a.name,
        email: a.email,
        disabled: false,
        password_fallback: false,
        org_linked: false,
    })
}

#[derive(Debug, Clone, Serialize, TS, sqlx::FromRow)]
pub struct UserSummary {
    pub id: i64,
    pub name: String,
    pub email: String,
    #[sqlx(try_from = "String")]
    pub role: Role,
    pub fellow_id: Option<i64>,
    pub host_id: Option<i64>,
    pub disabled: bool,
    /// May sign in with a password while organisation sign-in is required.
    pub password_fallback: bool,
    /// Linked to an identity at the organisation's provider.
    pub org_linked: bool,
}

pub async fn list_users(db: &Db, actor: &Actor) -> Result<Vec<UserSummary>> {
    crate::auth::access::require_faculty(actor)?;
    Ok(crate::db::query_as(
        "SELECT id, name, email, role, fellow_id, host_id, disabled_at IS NOT NULL AS disabled,
            password_fallback <> 0 AS password_fallback,
            EXISTS (SELECT 1 FROM user_identities i WHERE i.user_id = users.id) AS org_linked
         FROM users ORDER BY name",
    )
    .fetch_all(&db.pool)
    .await?)
}

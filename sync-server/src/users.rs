//! Users as an admin manages them: created with a first password, given a
//! new one when they forget it, deactivated when they leave, and a lost
//! device revoked. Each ends the sessions it must, and each is audited.
//! Passwords are hashed by the caller, outside the write transaction.

use campo_core::{
    ids::{ReplicaId, UserId},
    text::Label,
    wire::{CreateUser, Role, UserInfo, UserRow},
};
use serde_json::json;

use crate::{
    auth,
    error::ApiError,
    office::audit,
    store::{NewUser, Tx},
};

/// The shortest password an admin may give.
pub const MIN_PASSWORD: usize = 10;

/// Refuses a password too short to give anyone.
pub fn check_password(password: &str) -> Result<(), ApiError> {
    if password.chars().count() < MIN_PASSWORD {
        return Err(ApiError::Malformed(format!("la contraseña debe tener al menos {MIN_PASSWORD} caracteres")));
    }
    Ok(())
}

/// The user `id`, as the users screen lists them.
fn row(tx: &mut dyn Tx, id: UserId) -> Result<UserRow, ApiError> {
    tx.users()?.into_iter().find(|u| u.user.id == id).ok_or(ApiError::NotFound)
}

/// Creates a user with `password_hash` (of `req.password`, checked already).
pub fn create(tx: &mut dyn Tx, admin: &UserInfo, req: &CreateUser, password_hash: &str) -> Result<UserRow, ApiError> {
    let login = auth::login_name(&req.login)?;
    if login.is_empty() || !login.chars().all(|c| c.is_ascii_alphanumeric() || "._-".contains(c)) {
        return Err(ApiError::Malformed("usuario: solo letras sin acento, números, punto, guion y guion bajo".into()));
    }
    let name = Label::parse(&req.name, "nombre")?;
    let teams = tx.teams()?;
    match (req.role, req.team) {
        (Role::Gestor | Role::Supervisor, None) => {
            return Err(ApiError::Malformed("los gestores y supervisores trabajan en un equipo: elige uno".into()));
        }
        (Role::Gestor | Role::Supervisor, Some(team)) if !teams.iter().any(|t| t.id == team) => {
            return Err(ApiError::Malformed("ese equipo no existe".into()));
        }
        (Role::Coordinator | Role::Admin, Some(_)) => {
            return Err(ApiError::Malformed("coordinadores y administradores no van en un equipo".into()));
        }
        _ => {}
    }
    if tx.users()?.iter().any(|u| u.user.login == login) {
        return Err(ApiError::Malformed(format!("ya hay un usuario «{login}»: elige otro")));
    }
    let id = UserId::generate();
    let user = NewUser {
        id,
        login: login.clone(),
        name: name.as_str().to_owned(),
        role: req.role,
        team: req.team,
        password_hash: password_hash.to_owned(),
    };
    tx.insert_user(&user)?;
    audit(tx, admin, "user_create", id, json!({ "login": login, "role": req.role }))?;
    row(tx, id)
}

/// Gives `user` a new password; their sessions end, so whoever had the old one is out.
pub fn reset_password(
    tx: &mut dyn Tx,
    admin: &UserInfo,
    user: UserId,
    password_hash: &str,
) -> Result<UserRow, ApiError> {
    row(tx, user)?;
    tx.set_password_hash(user, password_hash)?;
    let revoked = tx.revoke_user_tokens(user)?;
    audit(tx, admin, "password_reset", user, json!({ "revoked": revoked }))?;
    row(tx, user)
}

/// Stops `user` from signing in and ends their sessions; their work stays.
pub fn deactivate(tx: &mut dyn Tx, admin: &UserInfo, user: UserId) -> Result<UserRow, ApiError> {
    if user == admin.id {
        return Err(ApiError::NotAllowed("no puedes desactivarte a ti mismo: pide a otro administrador".into()));
    }
    row(tx, user)?;
    tx.deactivate_user(user)?;
    let revoked = tx.revoke_user_tokens(user)?;
    audit(tx, admin, "user_deactivate", user, json!({ "revoked": revoked }))?;
    row(tx, user)
}

/// Revokes one device (lost, stolen): it must sign in again, and keeps its unsent work to send then.
pub fn revoke_device(tx: &mut dyn Tx, admin: &UserInfo, device: ReplicaId) -> Result<UserRow, ApiError> {
    let owner = tx.users()?.into_iter().find(|u| u.devices.iter().any(|d| d.id == device)).ok_or(ApiError::NotFound)?;
    tx.retire_replica(device)?;
    audit(tx, admin, "device_revoke", device, json!({ "user": owner.user.id }))?;
    row(tx, owner.user.id)
}

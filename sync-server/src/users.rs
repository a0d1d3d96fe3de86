//! Users, teams and regions as an admin manages them: created with a first password, given a
//! new one when they forget it, deactivated when they leave, coordinators
//! given their territories, and a lost
//! device revoked. Each ends the sessions it must, and each is audited.
//! Passwords are hashed by the caller, outside the write transaction.

use campo_core::{
    ids::{ReplicaId, TeamId, TerritoryId, UserId},
    text::Label,
    wire::{
        CoordinatedTerritories, CreateTeam, CreateTerritory, CreateUser, Role, TeamRow, Territory, UserInfo, UserRow,
    },
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
    tx.users(Some(id))?.into_iter().next().ok_or(ApiError::NotFound)
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
    if tx.users(None)?.iter().any(|u| u.user.login == login) {
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

/// Makes `req.territories` the ones coordinator `user` balances.
pub fn set_territories(
    tx: &mut dyn Tx,
    admin: &UserInfo,
    user: UserId,
    req: &CoordinatedTerritories,
) -> Result<UserRow, ApiError> {
    let target = row(tx, user)?;
    if target.user.role != Role::Coordinator {
        return Err(ApiError::Malformed(format!(
            "{} no es coordinador: solo un coordinador tiene regiones",
            target.user.name
        )));
    }
    let known = tx.territories()?;
    if let Some(unknown) = req.territories.iter().find(|t| !known.iter().any(|k| k.id == **t)) {
        return Err(ApiError::Malformed(format!("no existe la región {unknown}")));
    }
    tx.clear_coordinator_territories(user)?;
    for territory in &req.territories {
        tx.insert_coordinator_territory(user, *territory)?;
    }
    audit(tx, admin, "coordinator_territories", user, json!({ "territories": req.territories }))?;
    row(tx, user)
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
        return Err(ApiError::Refused(campo_core::wire::OfficeRefusal::DeactivateYourself));
    }
    row(tx, user)?;
    tx.deactivate_user(user)?;
    let revoked = tx.revoke_user_tokens(user)?;
    audit(tx, admin, "user_deactivate", user, json!({ "revoked": revoked }))?;
    row(tx, user)
}

/// Creates a region; its name is unique.
pub fn create_territory(tx: &mut dyn Tx, admin: &UserInfo, req: &CreateTerritory) -> Result<Territory, ApiError> {
    let name = Label::parse(&req.name, "nombre del territorio")?;
    if tx.territory_by_name(name.as_str())?.is_some() {
        return Err(ApiError::Malformed(format!("ya hay un territorio «{}»", name.as_str())));
    }
    let id = TerritoryId::generate();
    tx.insert_territory(id, name.as_str(), req.currency)?;
    audit(tx, admin, "territory_create", id, json!({ "name": name.as_str(), "currency": req.currency }))?;
    Ok(Territory { id, name: name.as_str().to_owned() })
}

/// Creates a team working a region; its name is unique.
pub fn create_team(tx: &mut dyn Tx, admin: &UserInfo, req: &CreateTeam) -> Result<TeamRow, ApiError> {
    let name = Label::parse(&req.name, "nombre del equipo")?;
    if !tx.territories()?.iter().any(|t| t.id == req.territory) {
        return Err(ApiError::Malformed("ese territorio no existe".into()));
    }
    if tx.teams()?.iter().any(|t| t.name == name.as_str()) {
        return Err(ApiError::Malformed(format!("ya hay un equipo «{}»", name.as_str())));
    }
    let id = TeamId::generate();
    tx.insert_team(id, name.as_str(), req.territory)?;
    audit(tx, admin, "team_create", id, json!({ "name": name.as_str(), "territory": req.territory }))?;
    Ok(TeamRow { id, name: name.as_str().to_owned(), territory: req.territory })
}

/// Revokes one device (lost, stolen): it must sign in again, and keeps its unsent work to send then.
pub fn revoke_device(tx: &mut dyn Tx, admin: &UserInfo, device: ReplicaId) -> Result<UserRow, ApiError> {
    let owner =
        tx.users(None)?.into_iter().find(|u| u.devices.iter().any(|d| d.id == device)).ok_or(ApiError::NotFound)?;
    tx.retire_replica(device)?;
    audit(tx, admin, "device_revoke", device, json!({ "user": owner.user.id }))?;
    row(tx, owner.user.id)
}

//! The supervisor's KPIs as the console asks for them: the gestores of the
//! user's scope (one of them, or those whose team works a region), and the
//! period's facts from the store, counted by [`campo_core::kpi`].

use campo_core::{
    ids::{TerritoryId, UserId},
    kpi::{self, KpiReport},
    wire::UserInfo,
};
use chrono::NaiveDate;

use crate::{
    error::ApiError,
    office::{self, Scope},
    store::Tx,
};

/// The longest period one report covers.
pub const MAX_DAYS: i64 = 366;

/// What a report covers.
#[derive(Clone, Copy, Debug)]
pub struct Period {
    /// The first day.
    pub from: NaiveDate,
    /// The last day, inclusive.
    pub to: NaiveDate,
    /// Only this gestor.
    pub gestor: Option<UserId>,
    /// Only the gestores whose team works this region.
    pub territory: Option<TerritoryId>,
}

/// The KPIs of `period` for the gestores in `user`'s scope.
pub fn report(tx: &mut dyn Tx, user: &UserInfo, period: Period) -> Result<KpiReport, ApiError> {
    let Period { from, to, gestor, territory } = period;
    if from > to {
        return Err(ApiError::Malformed(format!("el periodo empieza ({from}) después de terminar ({to})")));
    }
    if (to - from).num_days() >= MAX_DAYS {
        return Err(ApiError::Malformed(format!("el periodo pasa de {MAX_DAYS} días: acórtalo")));
    }
    let scope = Scope::of(tx, user)?.gestores();
    let mut gestores = office::gestores_working(tx, scope.as_deref(), territory.as_ref().map(std::slice::from_ref))?;
    gestores.retain(|(id, _)| gestor.is_none_or(|only| only == *id));
    let ids: Vec<UserId> = gestores.iter().map(|(id, _)| *id).collect();
    let facts = tx.kpi_facts(&ids, from, to)?;
    Ok(kpi::report(from, to, &gestores, &facts))
}

//! Contact policies as an admin changes them: checked, one version after
//! another (compare-and-set on the version, as office writes do), kept in
//! the audit trail, and put on every device's feed.

use campo_core::{
    contact::{Country, policy::ContactPolicy},
    wire::UserInfo,
};

use crate::{
    error::ApiError,
    office::audit,
    store::{StoreResult, Tx},
};

/// Stores Campo's default policy (version 1) for each country that has
/// none, at a feed position like any change: what version 1 says is then
/// data, and a later build whose defaults differ changes no server's rules.
pub fn seed_defaults(tx: &mut dyn Tx) -> StoreResult<()> {
    for country in Country::ALL {
        if !tx.has_policy(country)? {
            let seq = tx.next_seq()?;
            tx.put_policy(&ContactPolicy::default_for(country), seq, None)?;
        }
    }
    Ok(())
}

/// Makes `policy` the one in force in `country`. Its version must be the one
/// after the policy in force: an admin who edited an older version hears
/// that someone changed it meanwhile.
pub fn set_policy(
    tx: &mut dyn Tx,
    admin: &UserInfo,
    country: Country,
    policy: ContactPolicy,
) -> Result<ContactPolicy, ApiError> {
    if policy.country != country {
        return Err(ApiError::Malformed(format!(
            "country: la política es de {}, pero la dirección es la de {}",
            policy.country.code(),
            country.code()
        )));
    }
    policy.check()?;
    let current = tx.policy(country)?;
    if policy.version != current.version + 1 {
        return Err(ApiError::Stale);
    }
    let seq = tx.next_seq()?;
    tx.put_policy(&policy, seq, Some(admin.id))?;
    let detail = serde_json::to_value(&policy).unwrap_or_else(|_| unreachable!("a policy serialises"));
    audit(tx, admin, "policy", country.code(), detail)?;
    Ok(policy)
}

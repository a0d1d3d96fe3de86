//! Contact policies as an admin changes them: checked, one version after
//! another (compare-and-set on the version, as office writes do), kept in
//! the audit trail, and put on every device's feed.

use campo_core::{
    contact::{Country, policy::ContactPolicy},
    wire::UserInfo,
};

use crate::{error::ApiError, office::audit, store::Tx};

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
    tx.put_policy(&policy, seq, admin.id)?;
    let detail = serde_json::to_value(&policy).unwrap_or_else(|_| unreachable!("a policy serialises"));
    audit(tx, admin, "policy", country.code(), detail)?;
    Ok(policy)
}

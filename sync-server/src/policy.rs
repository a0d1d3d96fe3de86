//! Contact policies as an admin changes them: checked, one version after
//! another (compare-and-set on the version, as office writes do), kept in
//! the audit trail, and put on every device's feed; and a preview of what
//! a change would have refused yesterday.

use campo_core::{
    RecordKind,
    contact::{Country, judge::Verdict, policy::ContactPolicy},
    evidence::Facts,
    wire::{PREVIEW_EXAMPLES, PolicyPreview, PreviewedContact, UserInfo},
    zone::Zone,
};

use crate::{
    error::ApiError,
    office::audit,
    store::{ActivityFilter, StoreError, StoreResult, Tx},
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
    audit(tx, admin, "policy", country.code(), changes(&current, &policy))?;
    Ok(policy)
}

/// What a new version changes, for the audit trail (every version is kept
/// whole): its number, each setting it gives a new value, and of the
/// templates only those it adds or rewords and the codes it removes.
fn changes(before: &ContactPolicy, after: &ContactPolicy) -> serde_json::Value {
    let json = |p: &ContactPolicy| match serde_json::to_value(p) {
        Ok(serde_json::Value::Object(fields)) => fields,
        _ => unreachable!("a policy serialises to an object"),
    };
    let (old, mut changed) = (json(before), serde_json::Map::new());
    for (field, value) in json(after) {
        if !["version", "templates"].contains(&field.as_str()) && old.get(&field) != Some(&value) {
            changed.insert(field, value);
        }
    }
    let new_or_reworded: Vec<_> = after.templates.iter().filter(|t| !before.templates.contains(t)).collect();
    let removed: Vec<_> =
        before.templates.iter().filter(|t| after.template(&t.code).is_none()).map(|t| &t.code).collect();
    if !new_or_reworded.is_empty() {
        changed.insert("templates".into(), serde_json::json!(new_or_reworded));
    }
    if !removed.is_empty() {
        changed.insert("templates_removed".into(), serde_json::json!(removed));
    }
    serde_json::json!({ "version": after.version, "changed": changed })
}

/// Yesterday's visits and calls in `country` judged again under `proposed`,
/// beside the policy in force: what a change would have refused had it been
/// in force then. Nothing is stored.
pub fn preview(tx: &mut dyn Tx, country: Country, proposed: &ContactPolicy) -> Result<PolicyPreview, ApiError> {
    if proposed.country != country {
        return Err(ApiError::Malformed(format!("country: la política es de {}", proposed.country.code())));
    }
    proposed.check()?;
    let current = tx.policy(country)?;
    let zone = match country {
        Country::MX => Zone::MEXICO_CITY,
        Country::PE => Zone::LIMA,
    };
    let day = zone.local(chrono::Utc::now()).date() - chrono::Days::new(1);
    let mut preview = PolicyPreview {
        day,
        judged: 0,
        refused_now: 0,
        refused_proposed: 0,
        flagged_proposed: 0,
        newly_refused: vec![],
    };
    for kind in [RecordKind::Visit, RecordKind::Call] {
        for row in
            tx.activities(&ActivityFilter::around(kind, day, u32::MAX))?.into_iter().filter(|r| !r.record.deleted)
        {
            let Some((theirs, account)) = tx.contact_account(row.record.debtor_id)? else { continue };
            let body = row
                .record
                .parse_body()
                .map_err(|e| StoreError::Corrupt { what: "a record's body", detail: e.to_string() })?;
            let Some(contact) = body.contact() else { continue };
            if theirs != country || account.zone.local(contact.at).date() != day {
                continue;
            }
            let history: Vec<_> = tx
                .attempts(row.record.debtor_id, Facts::week_before(contact.at), row.record.id)?
                .into_iter()
                .filter(|a| a.at < contact.at)
                .collect();
            preview.judged += 1;
            let now = current.judge(&contact, &account, &history);
            let then = proposed.judge(&contact, &account, &history);
            preview.refused_now += u32::from(matches!(now, Verdict::Refused(_)));
            preview.flagged_proposed += u32::from(matches!(then, Verdict::Flagged(_)));
            if let Verdict::Refused(breaches) = then {
                preview.refused_proposed += 1;
                if !matches!(now, Verdict::Refused(_)) {
                    preview.newly_refused.push(PreviewedContact {
                        record_id: row.record.id,
                        kind,
                        at: contact.at,
                        gestor_name: row.gestor_name,
                        debtor_name: row.debtor_name,
                        breaches,
                    });
                }
            }
        }
    }
    preview.newly_refused.sort_by_key(|c| c.at);
    preview.newly_refused.truncate(PREVIEW_EXAMPLES);
    Ok(preview)
}

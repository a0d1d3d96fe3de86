//! A made-up but realistic portfolio in Mexico and Peru, for demos and trials.
//!
//! Seven territories, each with a team (a supervisor and three gestores), two
//! coordinators and an admin; a few thousand accounts spread over the gestores,
//! some with payments. Every demo user's password is [`DEMO_PASSWORD`]. The
//! data is the same on every run (a fixed pseudo-random sequence).

use std::str::FromStr;

use campo_core::{
    RecordBody,
    activity::{ContactFacts, Payment, PaymentChannel, Promise, PromiseFields, PromiseStatus, Visit, VisitFields},
    contact::{Country, party::Party, policy::ContactPolicy},
    debtor::{Address, Breakdown, DebtorFields, PayTo, Product, RelatedParty},
    geo::{GeoPoint, Position},
    ids::{RecordId, TeamId, TerritoryId, UserId},
    money::{Amount, Currency},
    outcome::Outcome,
    text::{Email, Label, Phone},
    wire::Role,
    zone::Zone,
};
use rust_decimal::Decimal;

use crate::{
    auth,
    error::ApiError,
    office,
    store::{NewUser, Storage, Tx},
};

/// The password of every demo user.
pub const DEMO_PASSWORD: &str = "campo2026";

/// The demo gestores' logins, region by region.
pub fn gestor_logins() -> Vec<&'static str> {
    REGIONS.iter().flat_map(|r| r.gestores.iter().map(|(login, _)| *login)).collect()
}

struct Region {
    territory: &'static str,
    currency: Currency,
    zone: &'static str,
    center: (f64, f64),
    supervisor: (&'static str, &'static str),
    gestores: [(&'static str, &'static str); 3],
    streets: &'static [&'static str],
    phone_prefix: &'static str,
}

const REGIONS: &[Region] = &[
    Region {
        territory: "CDMX Norte",
        currency: Currency::MXN,
        zone: "America/Mexico_City",
        center: (19.49, -99.13),
        supervisor: ("marta", "Marta Ríos Aguilar"),
        gestores: [("ana", "Ana Torres Vega"), ("pedro", "Pedro Salinas Cruz"), ("lucia", "Lucía Méndez Paz")],
        streets: &["Calz. Vallejo", "Av. Montevideo", "Eje Central", "Av. Instituto Politécnico"],
        phone_prefix: "55",
    },
    Region {
        territory: "CDMX Sur",
        currency: Currency::MXN,
        zone: "America/Mexico_City",
        center: (19.33, -99.16),
        supervisor: ("raul", "Raúl Ortega Lima"),
        gestores: [("diego", "Diego Fuentes Sol"), ("fernanda", "Fernanda Ruiz Gil"), ("hector", "Héctor Campos Roa")],
        streets: &["Av. Insurgentes Sur", "Calz. de Tlalpan", "Av. Universidad", "Periférico Sur"],
        phone_prefix: "55",
    },
    Region {
        territory: "Monterrey",
        currency: Currency::MXN,
        zone: "America/Monterrey",
        center: (25.67, -100.31),
        supervisor: ("elena", "Elena Garza Treviño"),
        gestores: [
            ("jose", "José Villarreal Leal"),
            ("karla", "Karla Cantú Elizondo"),
            ("mario", "Mario Zambrano Ríos"),
        ],
        streets: &["Av. Constitución", "Av. Gonzalitos", "Av. Lincoln", "Av. Ruiz Cortines"],
        phone_prefix: "81",
    },
    Region {
        territory: "Guadalajara",
        currency: Currency::MXN,
        zone: "America/Mexico_City",
        center: (20.67, -103.35),
        supervisor: ("ruben", "Rubén Navarro Íñiguez"),
        gestores: [
            ("paola", "Paola Orozco Luna"),
            ("ivan", "Iván Padilla Mora"),
            ("sandra", "Sandra Casillas Ruvalcaba"),
        ],
        streets: &["Av. Vallarta", "Av. Revolución", "Calz. Independencia", "Av. López Mateos"],
        phone_prefix: "33",
    },
    Region {
        territory: "Lima Centro",
        currency: Currency::PEN,
        zone: "America/Lima",
        center: (-12.05, -77.04),
        supervisor: ("jorge", "Jorge Quispe Huamán"),
        gestores: [
            ("rosa", "Rosa Mamani Condori"),
            ("carlos", "Carlos Flores Rojas"),
            ("milagros", "Milagros Chávez Ramos"),
        ],
        streets: &["Av. Abancay", "Jr. de la Unión", "Av. Grau", "Av. Arequipa"],
        phone_prefix: "9",
    },
    Region {
        territory: "Lima Norte",
        currency: Currency::PEN,
        zone: "America/Lima",
        center: (-11.95, -77.06),
        supervisor: ("patricia", "Patricia Vargas Torres"),
        gestores: [
            ("juan", "Juan Huamaní Paredes"),
            ("yesenia", "Yesenia Cárdenas Ruiz"),
            ("wilmer", "Wilmer Sánchez Díaz"),
        ],
        streets: &["Av. Túpac Amaru", "Av. Universitaria", "Av. Naranjal", "Av. Carlos Izaguirre"],
        phone_prefix: "9",
    },
    Region {
        territory: "Arequipa",
        currency: Currency::PEN,
        zone: "America/Lima",
        center: (-16.40, -71.54),
        supervisor: ("cesar", "César Apaza Medina"),
        gestores: [("ruth", "Ruth Ccama Pari"), ("edwin", "Edwin Zúñiga Salas"), ("flor", "Flor Chávez Alarcón")],
        streets: &["Av. Ejército", "Calle Mercaderes", "Av. Goyeneche", "Av. Parra"],
        phone_prefix: "9",
    },
];

const COORDINATORS: &[(&str, &str)] = &[("carmen", "Carmen Delgado Soto"), ("miguel", "Miguel Paredes Ugarte")];

const LENDERS: &[&str] = &["Banco del Centro", "Financiera Amiga", "Caja Popular Andina"];
/// Where each lender's debtors pay, in the order of [`LENDERS`].
const PAY_TO: &[&str] = &[
    "convenio CIE 1234567 (ventanilla, SPEI u OXXO)",
    "CLABE 012180001234567897 (transferencia SPEI)",
    "cuenta recaudadora 191-2345678-0-12 (ventanilla o agente)",
];

/// A guarantor on every third account and a co-obligor on every fifth,
/// drawn from `n` alone so the rest of the demo stays as it was.
fn related(n: usize, phone_prefix: &str) -> Result<Vec<RelatedParty>, ApiError> {
    let person = |role, k: usize| -> Result<RelatedParty, ApiError> {
        let name =
            format!("{} {}", FIRST_NAMES[(n * 7 + k) % FIRST_NAMES.len()], SURNAMES[(n * 3 + k) % SURNAMES.len()]);
        let phone = Phone::parse(&format!("{phone_prefix}{:08}", (n * 7919 + k) % 100_000_000))?;
        Ok(RelatedParty { name: label(&name), role, phones: vec![phone] })
    };
    let mut out = Vec::new();
    if n.is_multiple_of(3) {
        out.push(person(Party::Guarantor, 1)?);
    }
    if n.is_multiple_of(5) {
        out.push(person(Party::CoObligor, 2)?);
    }
    Ok(out)
}

const FIRST_NAMES: &[&str] = &[
    "María",
    "José",
    "Guadalupe",
    "Juan",
    "Rosa",
    "Luis",
    "Verónica",
    "Jorge",
    "Patricia",
    "Carlos",
    "Leticia",
    "Miguel",
    "Gabriela",
    "Alejandro",
    "Silvia",
    "Francisco",
    "Adriana",
    "Roberto",
    "Claudia",
    "Manuel",
];
const SURNAMES: &[&str] = &[
    "Hernández",
    "García",
    "Martínez",
    "López",
    "González",
    "Pérez",
    "Rodríguez",
    "Sánchez",
    "Ramírez",
    "Flores",
    "Quispe",
    "Mamani",
    "Huamán",
    "Torres",
    "Rojas",
    "Díaz",
    "Vargas",
    "Castillo",
    "Morales",
    "Ortiz",
];
const SEGMENTS: &[&str] = &["alto saldo", "saldo medio", "saldo bajo", "recuperación temprana", "castigada"];
const PRODUCTS: &[Product] =
    &[Product::CreditCard, Product::PersonalLoan, Product::PayrollLoan, Product::Microcredit, Product::AutoLoan];

/// A fixed pseudo-random sequence (a 64-bit LCG): the same demo on every run.
struct Dice(u64);

impl Dice {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    fn jitter(&mut self) -> f64 {
        (self.below(2001) as f64 - 1000.0) / 10_000.0
    }
}

/// What the demo created.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DemoReport {
    /// Users created.
    pub users: usize,
    /// Debtor accounts created.
    pub debtors: usize,
}

/// An address at example.com for the debtor `name` (every second one gave
/// their lender an email), e.g. `maria.lopez.12@example.com`.
fn email_of(name: &str, n: usize) -> Result<Email, ApiError> {
    let plain: String = name
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'á' => 'a',
            'é' => 'e',
            'í' => 'i',
            'ó' => 'o',
            'ú' | 'ü' => 'u',
            'ñ' => 'n',
            ' ' => '.',
            c => c,
        })
        .collect();
    let mut words = plain.split('.');
    let (first, surname) = (words.next().unwrap_or("cliente"), words.next().unwrap_or("campo"));
    Ok(Email::parse(&format!("{first}.{surname}.{n}@example.com"))?)
}

fn label(text: &str) -> Label {
    Label::parse(text, "demo").unwrap_or_else(|e| unreachable!("demo labels are valid: {e}"))
}

fn money(cents: u64) -> Amount {
    Amount::parse(Decimal::new(cents as i64, 2), "demo").unwrap_or_else(|e| unreachable!("demo amounts are valid: {e}"))
}

/// Fills an empty database with the demo portfolio of `debtors` accounts.
/// Refuses a database that already has users, so a real one is never touched.
pub fn create(storage: &dyn Storage, debtors: usize) -> Result<DemoReport, ApiError> {
    let mut tx = storage.write()?;
    if tx.user_by_login("admin")?.is_some() || tx.user_by_login("carmen")?.is_some() {
        return Err(ApiError::Malformed(
            "la base de datos ya tiene usuarios; la demo solo se crea en una base vacía".into(),
        ));
    }
    // One hash for every demo user: they share the password, and hashing is slow by design.
    let hash = auth::hash_password(DEMO_PASSWORD);
    let mut users = 0;
    let mut add_user = |tx: &mut dyn Tx, login: &str, name: &str, role: Role, team: Option<TeamId>| {
        users += 1;
        let id = UserId::generate();
        let user = NewUser { id, login: login.into(), name: name.into(), role, team, password_hash: hash.clone() };
        tx.insert_user(&user).map(|()| id)
    };
    let admin = add_user(&mut *tx, "admin", "Administración Campo", Role::Admin, None)?;
    // The agency the gestores name when they identify themselves.
    for (country, phone) in [(Country::MX, "55 5000 1234"), (Country::PE, "01 700 1234")] {
        let policy = ContactPolicy {
            version: 2,
            agency: "Cobranza Justa, S.C.".into(),
            agency_phone: phone.into(),
            ..ContactPolicy::default_for(country)
        };
        let seq = tx.next_seq()?;
        tx.put_policy(&policy, seq, Some(admin))?;
    }
    // Carmen balances the Mexican territories, Miguel the Peruvian ones.
    let mut coordinators = Vec::new();
    for (login, name) in COORDINATORS {
        coordinators.push(add_user(&mut *tx, login, name, Role::Coordinator, None)?);
    }
    let mut gestores = Vec::new();
    for region in REGIONS {
        let territory = TerritoryId::generate();
        tx.insert_territory(territory, region.territory, region.currency)?;
        let coordinator = coordinators[usize::from(region.currency == Currency::PEN)];
        tx.insert_coordinator_territory(coordinator, territory)?;
        let team = TeamId::generate();
        tx.insert_team(team, &format!("Equipo {}", region.territory), territory)?;
        add_user(&mut *tx, region.supervisor.0, region.supervisor.1, Role::Supervisor, Some(team))?;
        for (login, name) in region.gestores {
            gestores.push((add_user(&mut *tx, login, name, Role::Gestor, Some(team))?, region, territory));
        }
    }

    let mut dice = Dice(2026);
    let today = chrono::Utc::now().date_naive();
    for n in 0..debtors {
        let (gestor, region, territory) = gestores[n % gestores.len()];
        let name = format!("{} {} {}", dice.pick(FIRST_NAMES), dice.pick(SURNAMES), dice.pick(SURNAMES));
        let balance = 50_000 + dice.below(25_000_000) as u64;
        let overdue = balance * (5 + dice.below(60) as u64) / 100;
        let days_overdue = dice.below(200) as i64;
        let phone = format!("{}{:08}", region.phone_prefix, dice.below(100_000_000));
        let point = GeoPoint::new(region.center.0 + dice.jitter(), region.center.1 + dice.jitter())
            .unwrap_or_else(|e| unreachable!("demo coordinates are in range: {e}"));
        let country = if region.currency == Currency::MXN { "MX" } else { "PE" };
        let national_id = if country == "MX" {
            format!("{}{:06}HDF{:05}", &name.to_uppercase().chars().take(4).collect::<String>(), 800101 + n % 9000, n)
        } else {
            format!("{:08}", 40_000_000 + n * 7)
        };
        let fields = DebtorFields {
            external_ref: label(&format!("{country}-{:06}", n + 1)),
            name: label(&name),
            national_id: label(&national_id),
            product: dice.pick(PRODUCTS),
            currency: region.currency,
            balance: money(balance),
            overdue: money(overdue),
            minimum_payment: money(overdue / 2),
            overdue_since: (days_overdue > 0).then(|| today - chrono::Duration::days(days_overdue)),
            segment: label(dice.pick(SEGMENTS)),
            territory,
            zone: Zone::from_str(region.zone)?,
            phones: vec![Phone::parse(&phone)?],
            emails: if n.is_multiple_of(2) { vec![email_of(&name, n)?] } else { vec![] },
            addresses: vec![Address {
                line: label(&format!("{} {}, {}", dice.pick(region.streets), 100 + dice.below(3000), region.territory)),
                point: Some(point),
            }],
            lender: Some(label(LENDERS[n % LENDERS.len()])),
            related: related(n, region.phone_prefix)?,
            dispute: dice.below(40) == 0,
            deceased: false,
            do_not_visit: dice.below(50) == 0,
            // Four fifths principal, the rest interest and fees.
            breakdown: Some(Breakdown {
                principal: money(balance * 4 / 5),
                interest: money(balance * 3 / 20),
                fees: money(balance - balance * 4 / 5 - balance * 3 / 20),
            }),
            pay_to: Some(PayTo {
                account: label(PAY_TO[n % LENDERS.len()]),
                reference: label(&format!("{country}-{:06}", n + 1)),
            }),
        };
        let (debtor, _) = office::upsert_debtor(&mut *tx, fields, gestor, None)?;
        let mut history = Vec::new();
        if dice.below(8) == 0 {
            history.push(RecordBody::Payment(Payment {
                amount: money(overdue / 4 + 100),
                currency: region.currency,
                paid_on: today - chrono::Duration::days(dice.below(20) as i64 + 1),
                reference: label(&format!("PAGO-{:07}", n)),
                channel: Some([PaymentChannel::Store, PaymentChannel::Transfer, PaymentChannel::Branch][n % 3]),
            }));
        }
        // Some of the gestor's earlier work, so the agenda has promises due
        // today, promises that went unpaid and visits to follow up.
        let days_ago = |days: u64| today - chrono::Days::new(days);
        let promise = |made_on, due_on| {
            Promise::try_from(PromiseFields {
                amount: money(overdue / 3 + 100),
                currency: region.currency,
                made_on,
                due_on,
                installments: vec![],
                status: PromiseStatus::Pending,
                source: None,
                plan: None,
            })
            .map(RecordBody::Promise)
        };
        match dice.below(12) {
            0 => history.push(promise(days_ago(6), today)?),
            // Past its grace days, unpaid: broken.
            1 => history.push(promise(days_ago(12), days_ago(6))?),
            2 | 3 => {
                let started_at = chrono::Utc::now() - chrono::Duration::days(dice.below(6) as i64 + 1);
                let outcome = dice.pick(&[Outcome::NoAnswer, Outcome::ThirdPartyContact, Outcome::HardshipDeclared]);
                let party = match outcome {
                    Outcome::ThirdPartyContact => Some(Party::Other),
                    Outcome::HardshipDeclared => Some(Party::Debtor),
                    _ => None,
                };
                // Mostly at the address itself, taken by the phone as the
                // gestor arrived; but some logged from down the street, and
                // some typed by hand without signal, so the supervisor's log
                // has flags to show. By the account's number, not the dice,
                // so the draws the demo's tests count stay as they were.
                let at = if n % 5 == 0 { GeoPoint::new(point.lat() + 0.006, point.lon())? } else { point };
                let position = if n % 7 == 0 {
                    Position::new(at, 30.0)?.typed()
                } else {
                    Position::new(at, 15.0)?.from_device(started_at)
                };
                history.push(RecordBody::Visit(Visit::try_from(VisitFields {
                    started_at,
                    ended_at: started_at + chrono::Duration::minutes(12),
                    zone: Zone::from_str(region.zone)?,
                    position: Some(position),
                    distance_m: Some(point.distance_m(at).round() as u32),
                    photos: vec![],
                    outcome,
                    contact: ContactFacts { party, identified: party.is_some(), ..ContactFacts::default() },
                    notes: "se dejó aviso; volver hoy por la tarde".into(),
                    next_action_on: Some(today),
                })?));
            }
            _ => {}
        }
        for body in history {
            // Payments come from the lender's files, not from a gestor.
            let author = if matches!(body, RecordBody::Payment(_)) { None } else { Some(gestor) };
            office::write_new(&mut *tx, RecordId::generate(), debtor, &body, author)?;
        }
    }
    tx.commit()?;
    Ok(DemoReport { users, debtors })
}

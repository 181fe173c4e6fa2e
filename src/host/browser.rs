//! Browser tables: the host serves the game itself to the room's browsers, so a table needs
//! no install. Each browser table is the app layer's [`Session`] on the host, joined to the
//! room as any table is (its weeks re-simulated and journaled through the same calls as a
//! desktop table's); the browser sends the player's intents as plain form posts and is
//! given the page of the session's screen. No simulation runs in the browser.
//!
//! A table is named by a cookie holding its secret token (HttpOnly, SameSite=Strict), so a
//! closed tab or a lost Wi-Fi comes back to the same run by opening the address again; after
//! a host restart the session is made again from the weeks the room holds.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex, MutexGuard};

use super::server::{On, Refusal, Shared, Wait, joined, synced};
use crate::app::run::JoinError;
use crate::app::{Arrival, Catalog, Command, Context, Intent, Pick, Run, Session, run_of};
use crate::room::ClientError;
use crate::room::client::{Address, DEFAULT_PORT};
use crate::room::wire::JoinRequest;

/// The cookie that names a browser table.
pub(super) const COOKIE: &str = "multiplier-table";

/// Seconds between two syncs of a browser table with nothing new to send (its clock and
/// hours for the facilitator's view).
const SYNC_EVERY: f64 = 2.0;

/// Every browser table the host serves, by token, each behind a lock of its own: one
/// table's page being drawn or week being saved keeps no other table waiting. Locks are
/// taken in one order: the list, then a table, then the room.
#[derive(Default)]
pub(super) struct Tables {
    tables: Mutex<HashMap<String, Arc<Mutex<Table>>>>,
}

/// One browser table's lock.
fn hold(table: &Mutex<Table>) -> MutexGuard<'_, Table> {
    // A request that panicked mid-way leaves a session the room can make again.
    table.lock().unwrap_or_else(|e| e.into_inner())
}

/// A browser table: its session, and the scenario list it reads (none: a table of a room
/// plays the room's scenario only). It keeps no files: the room journals its weeks.
struct Table {
    session: Session,
    catalog: Catalog,
    /// Seconds since its last sync.
    since_sync: f64,
    /// The room's table the session plays ([`crate::room::rules::Room::seat`]).
    seat: String,
}

/// Why a browser could not join the room: the words its join page shows.
#[derive(Debug, thiserror::Error)]
pub(super) enum Unjoined {
    /// No team name was typed.
    #[error("type your team's name")]
    NoTeam,
    /// The room said no.
    #[error(transparent)]
    Refused(#[from] Refusal),
    /// The room's answer does not make a run here.
    #[error(transparent)]
    Run(#[from] JoinError),
}

/// What the player asked for in a form post.
#[derive(Debug, PartialEq)]
pub(super) enum Act {
    /// Leave the briefing for the first week.
    Begin,
    /// Aim actions at a person, item or segment.
    Aim(Pick),
    /// Plan the action with this id, aimed at the current pick, to the plan the page showed
    /// if it says which ([`plan_revision`]): an Add sent twice adds once.
    Add {
        /// The action's id.
        action: String,
        /// The plan's revision on the page the form was sent from.
        plan: Option<String>,
    },
    /// Take the plan's entry at this place out, of the plan the page showed if it says.
    Remove {
        /// The entry's place in the plan.
        index: usize,
        /// The plan's revision on the page the form was sent from.
        plan: Option<String>,
    },
    /// Empty the plan (the one the page showed, if it says).
    Clear(Option<String>),
    /// End the week: the one the page showed, if it says (a form sent twice, a second
    /// click before the page came back, ends one week, not two).
    End(Option<u32>),
    /// Answer the event with this choice.
    Decide(usize),
    /// Take the last week back (free rooms only; the session refuses otherwise), from the
    /// week the page showed, if it says.
    Undo(Option<u32>),
}

impl Act {
    /// Reads a form's fields (`do`, and `kind`, `id`, `action`, `index`, `choice`, `week`
    /// or `plan` as it needs).
    pub(super) fn of(fields: &[(String, String)]) -> Option<Self> {
        let field = |name: &str| {
            fields
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.as_str())
        };
        let number = |name: &str| field(name).and_then(|v| v.parse::<usize>().ok());
        let revision = || field("plan").map(str::to_string);
        Some(match field("do")? {
            "begin" => Act::Begin,
            "aim" => {
                let id = field("id")?.to_string();
                Act::Aim(match field("kind")? {
                    "person" => Pick::Person(id),
                    "item" => Pick::Item(id),
                    "segment" => Pick::Segment(id),
                    _ => return None,
                })
            }
            "add" => Act::Add {
                action: field("action")?.to_string(),
                plan: revision(),
            },
            "remove" => Act::Remove {
                index: number("index")?,
                plan: revision(),
            },
            "clear" => Act::Clear(revision()),
            "end" => Act::End(week(field("week"))?),
            "decide" => Act::Decide(number("choice")?),
            "undo" => Act::Undo(week(field("week"))?),
            _ => return None,
        })
    }
}

/// A form's `week`: none if it names none, `Some(None)`; a week that does not read makes
/// the form unread (`None`).
fn week(field: Option<&str>) -> Option<Option<u32>> {
    match field {
        None => Some(None),
        Some(w) => w.parse().ok().map(Some),
    }
}

impl Tables {
    fn lock(&self) -> MutexGuard<'_, HashMap<String, Arc<Mutex<Table>>>> {
        self.tables.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Joins the room as `team` from a browser, with the room's short code `door`: the new
    /// table's token.
    pub(super) fn join(
        &self,
        shared: &Shared,
        team: &str,
        door: Option<&str>,
    ) -> Result<String, Unjoined> {
        let team = team.trim();
        if team.is_empty() {
            return Err(Unjoined::NoTeam);
        }
        let asked = JoinRequest {
            team: team.to_string(),
            token: None,
            door: door.map(str::to_string),
        };
        let answer = joined(shared, &asked)?;
        let token = answer.token.clone();
        let table = Table::of(shared, answer)?;
        self.lock()
            .insert(token.clone(), Arc::new(Mutex::new(table)));
        Ok(token)
    }

    /// Runs `f` on the table `token` names, making its session again from the room if the
    /// host has started since; `None` if the room has no such table. On the runtime's
    /// worker it waits for nobody: [`Wait`] if the list or the table is held (by a form
    /// whose week is being written, most often), or if the table is not found as it was.
    pub(super) fn with<R>(
        &self,
        shared: &Shared,
        token: &str,
        on: On,
        f: impl FnOnce(&Session) -> R,
    ) -> Result<Option<R>, Wait> {
        if on == On::Blocking {
            let Some(table) = self.found(shared, token) else {
                return Ok(None);
            };
            let table = hold(&table);
            return Ok(Some(f(&table.session)));
        }
        let seat = shared.seat_of(token).ok_or(Wait)?;
        let table = (self.tables.try_lock().map_err(|_| Wait)?)
            .get(token)
            .cloned()
            .ok_or(Wait)?;
        let held = table.try_lock().map_err(|_| Wait)?;
        if held.seat != seat {
            return Err(Wait);
        }
        Ok(Some(f(&held.session)))
    }

    /// Carries out what the player asked at the table `token` names, then tells the room.
    /// `false` if the room has no such table.
    pub(super) fn act(&self, shared: &Shared, token: &str, act: Act) -> bool {
        let Some(table) = self.found(shared, token) else {
            return false;
        };
        let mut table = hold(&table);
        let now = table.weeks();
        // A form from a page of another week than the table's now is one sent again; so is
        // a change to the plan from a page that showed another plan.
        let fresh = |week: Option<u32>| week.is_none_or(|w| w == now);
        let shown = table.session.run.as_ref().map(plan_revision);
        let same_plan = |plan: &Option<String>| plan.is_none() || *plan == shown;
        let intent = match act {
            Act::Begin => Some(Intent::Begin),
            Act::Aim(pick) => Some(Intent::Select(pick)),
            // Aimed at the current pick, which the page names beside the action.
            Act::Add { action, plan } if same_plan(&plan) => {
                table.session.run.as_ref().and_then(|run| {
                    let def = run.game.scenario().action(&action)?;
                    Some(Intent::Add(run.aimed(def)))
                })
            }
            Act::Remove { index, plan } if same_plan(&plan) => Some(Intent::Remove(index)),
            Act::Clear(plan) if same_plan(&plan) => Some(Intent::ClearPlan),
            Act::Add { .. } | Act::Remove { .. } | Act::Clear(_) => None,
            Act::End(week) => fresh(week).then_some(Intent::EndWeek),
            Act::Decide(i) => Some(Intent::Decide(i)),
            Act::Undo(week) => fresh(week).then_some(Intent::Undo),
        };
        if let Some(intent) = intent {
            table.apply(intent);
        }
        table.sync(shared);
        true
    }

    /// Runs every browser table's week clock by `seconds` (a timed week ends on the host
    /// whether or not its browser is open) and syncs the tables that are due.
    pub(super) fn tick(&self, shared: &Shared, seconds: f64) {
        let tables: Vec<Arc<Mutex<Table>>> = self.lock().values().cloned().collect();
        for table in &tables {
            let mut held = hold(table);
            let table = &mut *held;
            let weeks = table.weeks();
            let commands = {
                let mut cx = context(&mut table.catalog);
                table.session.tick(seconds, &mut cx)
            };
            table.follow(commands);
            table.since_sync += seconds;
            if table.weeks() != weeks || table.since_sync >= SYNC_EVERY {
                table.sync(shared);
            }
        }
    }

    /// The table `token` names, its session made again from the room if the host has
    /// started since it was last seen or the room's table has changed (the facilitator
    /// merged another into it); `None` if the room has no such table (any more: the
    /// facilitator took it out).
    fn found(&self, shared: &Shared, token: &str) -> Option<Arc<Mutex<Table>>> {
        // The room is asked first, so that no table waits on the list while the room is
        // busy.
        let seat = shared.seat_of(token);
        let mut tables = self.lock();
        let Some(seat) = seat else {
            tables.remove(token);
            return None;
        };
        if let Some(table) = tables.get(token) {
            if hold(table).seat == seat {
                return Some(table.clone());
            }
            tables.remove(token);
        }
        let asked = JoinRequest {
            team: String::new(),
            token: Some(token.to_string()),
            door: None,
        };
        let answer = joined(shared, &asked).ok()?;
        let table = Arc::new(Mutex::new(Table::of(shared, answer).ok()?));
        tables.insert(token.to_string(), table.clone());
        Some(table)
    }
}

/// A short text that changes whenever the table's page would: the page's script reloads the
/// page when it does (a week ended by the clock, the room paused or moved on).
pub(super) fn version(session: &Session) -> String {
    let Some(run) = session.run.as_ref() else {
        return format!("{:?}", session.screen());
    };
    let clock = run
        .workshop
        .as_ref()
        .and_then(|w| w.room.as_ref())
        .map(|r| (r.clock.paused, r.clock.room_week));
    format!(
        "{:?}-{}-{}-{:?}-{}",
        session.screen(),
        run.game.state().week,
        run.game.pending().is_some(),
        clock,
        run.undos
    )
}

/// The plan a page shows, as a short text its forms that change the plan carry: a form whose
/// plan is not the table's any more was sent twice (a second click before the page came
/// back, a form sent again after the host was slow), or from a page the plan has moved on
/// from, and is not acted on. It is the week and the plan's entries hashed, so a page drawn
/// before the host restarted still names the same plan.
pub(super) fn plan_revision(run: &Run) -> String {
    let mut hasher = std::hash::DefaultHasher::new();
    run.game.state().week.hash(&mut hasher);
    run.game.plan().hash(&mut hasher);
    format!("{:016x}", hasher.finish())
}

impl Table {
    /// A table's session from the room's answer to its join.
    fn of(shared: &Shared, answer: crate::room::Joined) -> Result<Self, JoinError> {
        // The room's own address, as the notices name it ("back in the room at …").
        let address = shared
            .joins
            .first()
            .and_then(|j| Address::parse(j))
            .unwrap_or_else(|| Address::local("localhost", DEFAULT_PORT));
        let seat = shared.seat_of(&answer.token).unwrap_or_default();
        let run = run_of(&address, answer, None)?;
        let mut table = Self {
            session: Session::default(),
            catalog: Catalog::default(),
            since_sync: 0.0,
            seat,
        };
        let commands = table.session.arrive(Ok(Arrival::in_room(run, &address)));
        table.follow(commands);
        Ok(table)
    }

    fn weeks(&self) -> u32 {
        self.session.run.as_ref().map_or(0, |r| r.game.state().week)
    }

    fn apply(&mut self, intent: Intent) {
        let commands = {
            let mut cx = context(&mut self.catalog);
            self.session.apply(intent, &mut cx)
        };
        self.follow(commands);
    }

    /// Does what the session asks of its shell that a browser table needs: the bots of the
    /// debrief, played at once (a few milliseconds). Screens are the session's own; the
    /// rest has nothing to do here: the desktop's windows, and its files (the room journals
    /// the table's weeks, and the host writes the room's results).
    fn follow(&mut self, commands: Vec<Command>) {
        for command in commands {
            if let Command::Compare(compare) = command {
                let more = self.session.compared(compare.run());
                self.follow(more);
            }
        }
    }

    /// Sends the table's new weeks and hours to the room, as a desktop table's sync does.
    fn sync(&mut self, shared: &Shared) {
        self.since_sync = 0.0;
        let Some((_, token, request)) = self.session.run.as_ref().and_then(|r| r.sync_request())
        else {
            return;
        };
        let answer =
            synced(shared, &token, &request).map_err(|why| ClientError::Refused(why.to_string()));
        self.session.synced(answer);
    }
}

/// What a browser table's session reads beyond itself: no scenario list (a table of a room
/// plays the room's scenario only), and no work under way.
fn context(catalog: &mut Catalog) -> Context<'_> {
    Context {
        catalog,
        scanning: false,
        busy: false,
    }
}

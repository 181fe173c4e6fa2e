//! A run in a hosted room: its new weeks and how its week stands go to the host every two
//! seconds, and at once after a week ends, on a thread of their own; the host's answer
//! (what it has, the room's clock) goes to the session. A host out of reach is tried again
//! every two seconds while the table plays on.

use bevy::prelude::*;

use super::frame::Frame;
use super::pending::{self, Background};
use super::screens::Overlay;
use crate::app::Session;
use crate::room::discover::{Discovery, Found};
use crate::room::{ClientError, Synced, client};

/// The sync in flight, if one is.
pub type Syncing = Background<Result<Synced, ClientError>>;

/// Seconds between two syncs when nothing new is to be sent.
const EVERY: f64 = 2.0;

/// Seconds since the last sync started.
#[derive(Resource, Default)]
struct SinceSync(f64);

pub(super) fn plugin(app: &mut App) {
    pending::register::<Result<Synced, ClientError>>(app);
    app.init_resource::<SinceSync>();
    app.init_resource::<Nearby>();
    app.add_systems(Update, answered.in_set(Frame::Arrive));
    // The weeks the session ended this frame go at once; the Join dialog's overlay is the
    // one the session left.
    app.add_systems(Update, (send, listen).in_set(Frame::Follow));
}

/// The rooms heard on the local network while the Join dialog is open (mDNS; where
/// multicast does not get through, the list stays empty and the address is typed).
#[derive(Resource, Default)]
pub struct Nearby {
    discovery: Option<Discovery>,
    /// Why rooms cannot be listed, if listening failed.
    pub trouble: Option<String>,
    /// The rooms heard, by code.
    pub rooms: Vec<Found>,
}

/// Listens while the Join dialog is open, and stops when it closes.
fn listen(overlay: Res<Overlay>, mut nearby: ResMut<Nearby>) {
    let open = *overlay == Overlay::Workshop;
    match (open, nearby.discovery.is_some()) {
        (true, false) if nearby.trouble.is_none() => match Discovery::start() {
            Ok(d) => nearby.discovery = Some(d),
            Err(why) => nearby.trouble = Some(why.to_string()),
        },
        (false, _) if nearby.discovery.is_some() || nearby.trouble.is_some() => {
            *nearby = Nearby::default();
        }
        _ => {}
    }
    if let Some(discovery) = nearby.discovery.as_mut() {
        let rooms = discovery.rooms();
        if rooms != nearby.rooms {
            nearby.rooms = rooms;
        }
    }
}

/// Gives the host's answer to the session.
fn answered(mut syncing: ResMut<Syncing>, mut session: ResMut<Session>) {
    if let Some(Ok(answer)) = syncing.finished() {
        session.synced(answer);
    }
}

/// Starts a sync when one is due: new weeks to send (and the host answered last time), or
/// [`EVERY`] seconds since the last.
fn send(
    time: Res<Time<Real>>,
    session: Res<Session>,
    mut syncing: ResMut<Syncing>,
    mut since: ResMut<SinceSync>,
) {
    since.0 += time.delta_secs_f64();
    let Some(run) = session.run.as_ref() else {
        return;
    };
    let Some((address, token, request)) = run.sync_request() else {
        return;
    };
    let reached = run
        .workshop
        .as_ref()
        .and_then(|w| w.room.as_ref())
        .is_some_and(|r| r.reached);
    let news = !request.weeks.is_empty();
    if syncing.busy() || !(since.0 >= EVERY || (news && reached)) {
        return;
    }
    since.0 = 0.0;
    syncing.start("Sending your weeks to the room…", move || {
        client::sync(&address, &token, &request)
    });
}

//! Group commit: the room's changes on their way to its journal.
//!
//! A change is checked and applied to the room under the room's lock, and queued here in the
//! same order; the request that made it then lets the room go and waits until the change
//! is on disk before it answers. The first request to wait writes everything queued so far
//! in one write to the journal's log (one sync to disk); the requests whose changes came
//! meanwhile wait for that write to end, and the first of them writes the next batch. So a
//! change costs one sync to disk only when it arrives alone, and no table waits behind
//! another's sync to read the room or to have its week checked.
//!
//! Every acknowledged change is on disk before its answer, and so is every change an answer
//! showed (a page, a table's clock, the live views: [`Saver::settle`]), so a host killed at
//! any moment comes back as the room every table was told about. A write that fails fails
//! every change in it and every change queued after it (checked against a room that
//! counted on it): the room is made again from the records on disk
//! ([`crate::room::Room::rebuilt`]), and each of those requests is refused.
//!
//! Locks are taken in one order: the writer's, the room's, the queue's. A request never
//! waits for the writer while it holds the room.

use std::ops::Range;
use std::sync::{Mutex, MutexGuard};

use crate::room::journal::{Journal, JournalError};
use crate::room::rules::Record;

/// Why a change was not saved: the journal's words (a full disk, most often).
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("the host cannot write its journal: {0}")]
pub(super) struct Unsaved(pub(super) String);

/// A change queued, by its place in the order the room applied changes (from 1).
pub(super) type Ticket = u64;

/// The changes on their way to the journal, and the journal.
pub(super) struct Saver {
    queue: Mutex<Queue>,
    writer: Mutex<Writer>,
    told: Mutex<Told>,
}

/// Changes applied to the room and not yet handed to a write.
struct Queue {
    /// The next change's ticket.
    next: Ticket,
    /// Each with its record and the record as the journal stores it.
    waiting: Vec<(Ticket, Record, String)>,
}

/// What the one request writing a batch holds.
struct Writer {
    journal: Journal,
    /// Every record on disk, in order: what the room is made again from after a failed
    /// write.
    kept: Vec<Record>,
}

/// What became of the changes handed to writes.
struct Told {
    /// Every ticket below this one is on disk or has failed.
    settled: Ticket,
    /// The tickets that failed, and why (one range a failed write; a full disk now and then).
    failed: Vec<(Range<Ticket>, Unsaved)>,
}

fn hold<T>(lock: &Mutex<T>) -> MutexGuard<'_, T> {
    // A request that panicked mid-way leaves plain data behind: the journal is the truth.
    lock.lock().unwrap_or_else(|e| e.into_inner())
}

impl Saver {
    /// Saves to `journal`, which holds `kept`.
    pub(super) fn new(journal: Journal, kept: Vec<Record>) -> Self {
        Self {
            queue: Mutex::new(Queue {
                next: 1,
                waiting: Vec::new(),
            }),
            writer: Mutex::new(Writer { journal, kept }),
            told: Mutex::new(Told {
                settled: 1,
                failed: Vec::new(),
            }),
        }
    }

    /// Queues a change's record, to be called under the room's lock just before the change
    /// is applied, so that the queue's order is the room's. A record the journal cannot
    /// store is refused here, and the change must not be applied.
    pub(super) fn queue(&self, record: &Record) -> Result<Ticket, JournalError> {
        let text = Journal::text(record).map_err(|e| JournalError::Damaged {
            path: crate::room::journal::DATABASE_FILE.into(),
            record: 0,
            why: e.to_string(),
        })?;
        let mut queue = hold(&self.queue);
        let ticket = queue.next;
        queue.next += 1;
        queue.waiting.push((ticket, record.clone(), text));
        Ok(ticket)
    }

    /// The last change queued: everything a request may have read of the room so far.
    pub(super) fn seen(&self) -> Ticket {
        hold(&self.queue).next - 1
    }

    /// Whether every change queued so far is on disk or has failed: an answer drawn now
    /// may go without [`Saver::settle`].
    pub(super) fn settled(&self) -> bool {
        self.outcome(self.seen()).is_some()
    }

    /// What became of `ticket`, once it is known.
    fn outcome(&self, ticket: Ticket) -> Option<Result<(), Unsaved>> {
        let told = hold(&self.told);
        (ticket < told.settled).then(|| {
            match told
                .failed
                .iter()
                .find(|(range, _)| range.contains(&ticket))
            {
                Some((_, why)) => Err(why.clone()),
                None => Ok(()),
            }
        })
    }

    /// Waits until the change `ticket` is on disk, writing it (and every change queued
    /// with it) if no other request is writing. `saved` is told of every write: `None`
    /// when it succeeded, the failure's words when not. After a failed write `failed` is
    /// called with the records still on disk, the writer held: it must take the room's
    /// lock, call [`Saver::abandon`] and make the room again from them.
    pub(super) fn wait(
        &self,
        ticket: Ticket,
        saved: impl Fn(Option<&Unsaved>),
        failed: impl FnOnce(&[Record], Unsaved),
    ) -> Result<(), Unsaved> {
        if ticket == 0 {
            return Ok(());
        }
        if let Some(outcome) = self.outcome(ticket) {
            return outcome;
        }
        let mut writer = hold(&self.writer);
        // Written while this request waited for the writer.
        if let Some(outcome) = self.outcome(ticket) {
            return outcome;
        }
        let batch = std::mem::take(&mut hold(&self.queue).waiting);
        let settled = hold(&self.told).settled;
        let written = match batch.first() {
            Some((first, _, _)) if *first == settled => {
                let texts: Vec<&str> = batch.iter().map(|(_, _, text)| text.as_str()).collect();
                writer
                    .journal
                    .append_all(&texts)
                    .map_err(|e| Unsaved(e.to_string()))
            }
            // Changes taken by a writer that panicked: lost, and so failed.
            _ => Err(Unsaved("a write was cut short".into())),
        };
        match written {
            Ok(()) => {
                let last = batch.last().map_or(ticket, |(t, _, _)| *t);
                writer
                    .kept
                    .extend(batch.into_iter().map(|(_, record, _)| record));
                hold(&self.told).settled = last + 1;
                saved(None);
            }
            Err(why) => {
                saved(Some(&why));
                let writer = &*writer;
                failed(&writer.kept, why);
            }
        }
        self.outcome(ticket)
            .unwrap_or_else(|| Err(Unsaved("the write's outcome was not kept".into())))
    }

    /// Fails every change not yet on disk, with `why`, after a failed write; to be called
    /// under the room's lock by [`Saver::wait`]'s `failed`, as the room is made again.
    pub(super) fn abandon(&self, why: Unsaved) {
        let mut queue = hold(&self.queue);
        queue.waiting.clear();
        let mut told = hold(&self.told);
        let (from, to) = (told.settled, queue.next);
        if from < to {
            told.failed.push((from..to, why));
        }
        told.settled = to;
    }

    /// Waits until every change queued so far is on disk or has failed: before an answer
    /// that may show the room is sent.
    pub(super) fn settle(
        &self,
        saved: impl Fn(Option<&Unsaved>),
        failed: impl FnOnce(&[Record], Unsaved),
    ) {
        let _ = self.wait(self.seen(), saved, failed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What lets an answer drawn on the runtime's worker go at once: nothing it may have
    /// shown is still on its way to disk.
    #[test]
    fn an_answer_goes_at_once_only_when_every_change_queued_is_on_disk() {
        let dir = std::env::temp_dir().join(format!("multiplier-settled-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let (journal, contents) = Journal::open(&dir).expect("a journal opens");
        let saver = Saver::new(journal, contents.records);
        assert!(saver.settled(), "nothing queued yet");
        let joined = Record::Joined {
            team: "Table".into(),
            token: "00".into(),
            at: 0,
        };
        let ticket = saver.queue(&joined).expect("queued");
        assert!(!saver.settled(), "a change applied but not on disk");
        saver
            .wait(ticket, |_| {}, |_, why| panic!("the write failed: {why}"))
            .expect("written");
        assert!(saver.settled(), "every change on disk");
        drop(saver);
        let _ = std::fs::remove_dir_all(&dir);
    }
}

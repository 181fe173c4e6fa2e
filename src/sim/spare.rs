//! Copies of lists that keep their spare room.
//!
//! A run's record and backlog grow every week; a copy of a game (undo, a preview, a
//! benchmark) made with `Vec::clone` would have no room left and move in memory on the next
//! week it plays.

/// A copy of `v` with the same spare room.
pub(crate) fn clone_with_room<T: Clone>(v: &Vec<T>) -> Vec<T> {
    let mut copy = Vec::with_capacity(v.capacity());
    copy.extend_from_slice(v);
    copy
}

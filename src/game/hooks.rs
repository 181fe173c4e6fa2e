//! Test hooks read from the environment, compiled only into smoke builds (feature `smoke`):
//! a player's game never changes its window or its logging because of a stray variable.
//!
//! - `MULTIPLIER_WINDOW=<width>x<height>` opens the window at another size (at least
//!   1024×640, the smallest supported), so `scripts/smoke.sh` can check the smallest one.
//! - `MULTIPLIER_FRAMES=1` logs frames per five seconds, to check that an idle window stays
//!   idle (nothing is logged while no frame runs).

use bevy::prelude::*;

use super::SMALLEST_WINDOW;

/// The window size `MULTIPLIER_WINDOW` asks for, if it names a supported one.
pub(super) fn window_size() -> Option<(u32, u32)> {
    parse_size(&std::env::var("MULTIPLIER_WINDOW").ok()?)
}

/// `<width>x<height>`, at least [`SMALLEST_WINDOW`] each way.
fn parse_size(text: &str) -> Option<(u32, u32)> {
    let (w, h) = text.split_once('x')?;
    let size: (u32, u32) = (w.trim().parse().ok()?, h.trim().parse().ok()?);
    (size.0 >= SMALLEST_WINDOW.0 && size.1 >= SMALLEST_WINDOW.1).then_some(size)
}

/// Adds the frame log if `MULTIPLIER_FRAMES` is set.
pub(super) fn plugin(app: &mut App) {
    if std::env::var_os("MULTIPLIER_FRAMES").is_some() {
        app.add_systems(Last, log_frames);
    }
}

/// Logs how many frames ran in the last five seconds or more.
fn log_frames(mut frames: Local<(u32, f64)>, time: Res<Time<Real>>) {
    frames.0 += 1;
    let now = time.elapsed_secs_f64();
    if now - frames.1 >= 5.0 {
        eprintln!("frames in the last {:.1}s: {}", now - frames.1, frames.0);
        *frames = (0, now);
    }
}

#[cfg(test)]
mod tests {
    use super::parse_size;

    #[test]
    fn a_window_size_is_read_and_refused_below_the_smallest_supported() {
        assert_eq!(parse_size("1024x640"), Some((1024, 640)));
        assert_eq!(parse_size(" 1920 x 1080 "), Some((1920, 1080)));
        assert_eq!(parse_size("800x600"), None);
        assert_eq!(parse_size("1280"), None);
        assert_eq!(parse_size("wide x tall"), None);
    }
}
